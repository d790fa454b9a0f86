import { describe, expect, it } from 'vitest';
import { syncWaveFor } from './sync-waves';

describe('syncWaveFor', () => {
  it('puts namespaces and CRDs before operators, operators before their resources, resources before workloads', () => {
    const waves = [
      'Namespace',
      'CustomResourceDefinition',
      'Application',
      'ExternalSecret',
      'Service',
      'Deployment',
    ].map((kind) => syncWaveFor({ kind }));
    expect(waves).toStrictEqual([-3, -3, -2, -1, 0, 1]);
  });

  it("issues certificates after cert-manager's Application and before the Ingress that asks for one", () => {
    expect(['Application', 'ClusterIssuer', 'Ingress'].map((kind) => syncWaveFor({ kind }))).toStrictEqual([-2, -1, 1]);
  });

  it('gives kinds it does not know the middle wave', () => {
    expect(syncWaveFor({ kind: 'SomethingNew' })).toBe(0);
  });
});
