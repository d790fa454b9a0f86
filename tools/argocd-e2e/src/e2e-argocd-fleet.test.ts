// Runs the fleet bootstrap end to end (`npm run e2e:argocd:fleet`) as part of `npm test` and holds it to the
// issue's bar: the hub's ApplicationSet creates every spoke's root, identical to the hand-applied root, and each
// root syncs its spoke's child Applications into that spoke; the hub's application controller runs as many
// shards as the rendered values ask, and every spoke is processed by exactly the shard the algorithm assigns.
import { describe, expect, it } from 'vitest';
import { runE2eScript } from './e2e-verdict';

describe('Argo CD fleet bootstrap end to end', () => {
  it('lets one ApplicationSet on the hub create and sync the root of two spoke clusters, each into its own apiserver, split over the rendered controller shards', () => {
    const { status, last, fields } = runE2eScript('e2e-argocd-fleet.ts', 'e2e:argocd-fleet', 900_000);
    expect(last).toMatch(
      /^e2e:argocd-fleet spokes=\d+ roots_created=\d+ roots_identical=\d+ roots_synced=\d+ child_applications=\d+\/\d+ controller_shards=\d+\/\d+ sharding=[a-z-]+ clusters_per_shard=\d+(,\d+)* clusters_on_assigned_shard=\d+\/\d+ seconds=\d+$/,
    );
    expect(Number(fields.spokes)).toBeGreaterThanOrEqual(2);
    expect(fields).toMatchObject({
      roots_created: fields.spokes,
      roots_identical: fields.spokes,
      roots_synced: fields.spokes,
      clusters_on_assigned_shard: `${fields.spokes}/${fields.spokes}`,
    });
    const [present, expected] = fields.child_applications!.split('/').map(Number);
    expect(expected).toBeGreaterThan(0);
    expect(present).toBe(expected);
    // The test environment renders controller.replicas: 2 with round-robin.
    expect(fields.controller_shards).toBe('2/2');
    expect(fields.sharding).toBe('round-robin');
    // Round-robin deals the in-cluster destination (empty id) to shard 0 and the two spokes to shards 1 and 0:
    // each shard processes one spoke, so the clusters are really split.
    const perShard = fields.clusters_per_shard!.split(',').map(Number);
    expect(perShard).toStrictEqual([1, 1]);
    expect(status).toBe(0);
  }, 1_000_000);
});
