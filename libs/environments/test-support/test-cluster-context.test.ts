import { describe, expect, it } from 'vitest';
import { testClusterContext } from './test-cluster-context';

describe('testClusterContext', () => {
  it('pins every service image to a semver tag under ghcr.io/go-coffee', () => {
    const ctx = testClusterContext();
    expect(ctx.images['kitchen-service']).toStrictEqual({
      repository: 'ghcr.io/go-coffee/kitchen-service',
      tag: '1.0.0',
    });
  });

  it('merges nested overrides and follows a renamed cluster with its gitops path', () => {
    const ctx = testClusterContext({ name: 'prod-gcp-us-central1', environment: 'prod', sizing: { minReplicas: 3 } });
    expect(ctx.sizing).toStrictEqual({ name: 'small', minReplicas: 3, maxReplicas: 3, resourceScale: 1 });
    expect(ctx.gitops.path).toBe('gitops/prod-gcp-us-central1');
  });
});
