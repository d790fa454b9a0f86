import { describe, expect, it } from 'vitest';
import { selectorLabels, workloadLabels } from './workload-labels';

describe('workloadLabels', () => {
  it('returns name, component, owner and data classification', () => {
    expect(
      workloadLabels({ name: 'user-gateway', component: 'gateway', owner: 'identity', dataClassification: 'gdpr' }),
    ).toStrictEqual({
      'app.kubernetes.io/name': 'user-gateway',
      'app.kubernetes.io/component': 'gateway',
      'go-coffee.io/owner': 'identity',
      'go-coffee.io/data-classification': 'gdpr',
    });
  });

  it('selects pods by name and component only, so owner changes never re-create a Deployment', () => {
    expect(selectorLabels({ name: 'producer', component: 'api' })).toStrictEqual({
      'app.kubernetes.io/name': 'producer',
      'app.kubernetes.io/component': 'api',
    });
  });

  it('rejects an unknown data classification and names the allowed ones', () => {
    expect(() =>
      workloadLabels({
        name: 'x',
        component: 'y',
        owner: 'z',
        dataClassification: 'secret' as unknown as 'pci',
      }),
    ).toThrow('data classification of workload "x" is "secret": expected one of pci, gdpr, internal');
  });

  it('rejects an owner that is not a valid label value', () => {
    expect(() =>
      workloadLabels({ name: 'x', component: 'y', owner: 'Team Payments', dataClassification: 'pci' }),
    ).toThrow('owner of workload "x" "Team Payments" is not a valid label value');
  });
});
