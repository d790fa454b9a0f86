// The pull-request shard matrix for sample changes, on a sample fleet and on the workspace's real environments.
import { describe, expect, it } from 'vitest';
import { workspaceRoot as findWorkspaceRoot } from '@go-coffee/cli';
import { loadAllEnvironments } from '@go-coffee/environments';
import { affectedClusters, fleetOf, shardClusters, type FleetCluster } from './pr-shards';

const fleet: FleetCluster[] = [
  { name: 'dev-aws-us-east-1', environment: 'dev' },
  { name: 'staging-aws-us-east-1', environment: 'staging' },
  ...Array.from({ length: 5 }, (_, i) => ({ name: `prod-aws-fleet-${i}`, environment: 'prod' })),
];
const matrix = (changed: string[], size = 2) => shardClusters(affectedClusters(changed, fleet), fleet, size);

describe('pull-request shard matrix', () => {
  it("shards only that environment's clusters when one environment file changes, at most shard-size each", () => {
    expect(matrix(['environments/prod.yaml'])).toStrictEqual([
      { shard: 'prod-1', environment: 'prod', clusters: 'prod-aws-fleet-0,prod-aws-fleet-1' },
      { shard: 'prod-2', environment: 'prod', clusters: 'prod-aws-fleet-2,prod-aws-fleet-3' },
      { shard: 'prod-3', environment: 'prod', clusters: 'prod-aws-fleet-4' },
    ]);
    expect(matrix(['environments/images/staging.yaml'])).toStrictEqual([
      { shard: 'staging-1', environment: 'staging', clusters: 'staging-aws-us-east-1' },
    ]);
  });

  it('shards one cluster when only its committed gitops/ folder changes', () => {
    expect(matrix(['gitops/prod-aws-fleet-3/core-services/deployment-go-coffee-api-gateway.yaml'])).toStrictEqual([
      { shard: 'prod-1', environment: 'prod', clusters: 'prod-aws-fleet-3' },
    ]);
  });

  it('shards every cluster, never mixing environments, when area code, a library or the defaults change', () => {
    for (const changed of [
      'apps/core-services/src/index.ts',
      'libs/render-kit/src/render-cluster.ts',
      'environments/defaults.yaml',
    ]) {
      expect(matrix([changed], 25).map((shard) => [shard.shard, shard.clusters.split(',').length])).toStrictEqual([
        ['dev-1', 1],
        ['staging-1', 1],
        ['prod-1', 5],
      ]);
    }
  });

  it('falls back to every cluster for a folder of an unknown cluster, so the stale check sees it', () => {
    expect(affectedClusters(['gitops/removed-cluster/platform/namespace--go-coffee.yaml'], fleet)).toHaveLength(7);
  });

  it('gives an empty matrix for documentation-only changes', () => {
    expect(matrix(['README.md', 'docs/branch-protection.md', '.github/workflows/ci.yml'])).toStrictEqual([]);
  });

  it("uses the real environments' clusters: a prod change shards exactly the prod clusters", () => {
    const real = fleetOf(loadAllEnvironments({ workspaceRoot: findWorkspaceRoot() }));
    const shards = shardClusters(affectedClusters(['environments/prod.yaml'], real), real, 25);
    expect(shards.map((shard) => shard.environment)).toStrictEqual(['prod']);
    expect(shards[0]!.clusters.split(',')).toStrictEqual(
      real.filter((cluster) => cluster.environment === 'prod').map((cluster) => cluster.name),
    );
  });

  it('refuses a shard size that is not a positive integer', () => {
    expect(() => shardClusters([], fleet, 0)).toThrow(/--shard-size/);
  });
});
