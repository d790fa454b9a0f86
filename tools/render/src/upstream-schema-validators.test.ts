import { describe, expect, it } from 'vitest';
import { upstreamSchemaProblem } from './upstream-schema-validators';

const issuer = (solver: Record<string, unknown>) => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'ClusterIssuer',
  metadata: { name: 'letsencrypt' },
  spec: {
    acme: {
      email: 'platform-engineering@go-coffee.com',
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      privateKeySecretRef: { name: 'letsencrypt-account-key' },
      solvers: [solver],
    },
  },
});

describe('upstreamSchemaProblem', () => {
  it("accepts a ClusterIssuer that matches cert-manager's published schema", () => {
    expect(upstreamSchemaProblem(issuer({ dns01: { cloudDNS: { project: 'go-coffee-platform' } } }))).toBeUndefined();
  });

  it("rejects a ClusterIssuer whose Azure DNS solver lacks the subscription cert-manager's schema requires", () => {
    expect(upstreamSchemaProblem(issuer({ dns01: { azureDNS: { resourceGroupName: 'go-coffee-rg' } } }))).toMatch(
      /subscriptionID/,
    );
  });

  it('names the kind it has no schema for instead of passing it', () => {
    expect(upstreamSchemaProblem({ apiVersion: 'cert-manager.io/v1', kind: 'Challenge' })).toBe(
      'no upstream schema for cert-manager.io/v1 Challenge',
    );
  });
});
