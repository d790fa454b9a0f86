import { describe, expect, it } from 'vitest';
import { synthIn } from '../test-support/test-synth';
import { WorkloadDisruptionBudget } from './workload-disruption-budget';

const workload = { name: 'api-gateway', component: 'gateway', owner: 'edge', dataClassification: 'internal' } as const;

describe('WorkloadDisruptionBudget', () => {
  it('lets drains evict one pod at a time by default, selecting by name and component', () => {
    const [pdb] = synthIn((chart) => new WorkloadDisruptionBudget(chart, 'pdb', { workload, minReplicas: 2 }));
    expect(pdb!.apiVersion).toBe('policy/v1');
    expect(pdb!.spec).toStrictEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/component': 'gateway', 'app.kubernetes.io/name': 'api-gateway' } },
    });
  });

  it('refuses a single-replica workload, where a PDB would block every node drain', () => {
    expect(() => synthIn((chart) => new WorkloadDisruptionBudget(chart, 'pdb', { workload, minReplicas: 1 }))).toThrow(
      /runs 1 replica\(s\); a PDB would block node drains/,
    );
  });

  it('refuses maxUnavailable that would allow evicting every replica', () => {
    expect(() =>
      synthIn((chart) => new WorkloadDisruptionBudget(chart, 'pdb', { workload, minReplicas: 3, maxUnavailable: 3 })),
    ).toThrow('PodDisruptionBudget "api-gateway": maxUnavailable is 3: expected an integer from 1 to 2');
  });
});
