// Which application-controller shard Argo CD assigns each cluster, computed here from the inputs the controller
// itself uses (each cluster's id, the replica count, the sharding algorithm), so the fleet e2e can hold the
// running shards to an answer it did not read from them. The rules are Argo CD v3.6's
// (controller/sharding/sharding.go): the in-cluster destination has the empty id; `legacy` hashes the id
// (FNV-1a, 32 bit) modulo the replicas, the empty id going to shard 0; `round-robin` sorts the clusters by id
// and deals them out by rank; a single replica processes every cluster. `consistent-hashing` also weighs each
// cluster's application count on a bounded-load ring and is not predicted here.

export interface ShardableCluster {
  /** The cluster's API server URL, as the controller keys it. */
  readonly server: string;
  /** Argo CD's cluster id: the cluster Secret's metadata.uid; the empty string for the in-cluster destination. */
  readonly id: string;
}

export const PREDICTED_SHARDING_ALGORITHMS = ['legacy', 'round-robin'] as const;

/** FNV-1a, 32 bit, over the UTF-8 bytes of `text` (Go's hash/fnv New32a). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The shard of every cluster, keyed by server. */
export function assignShards(
  clusters: readonly ShardableCluster[],
  replicas: number,
  algorithm: string,
): Map<string, number> {
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new Error(`controller replicas must be a whole number of at least 1, got ${String(replicas)}`);
  }
  if (!(PREDICTED_SHARDING_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new Error(
      `sharding algorithm "${algorithm}": the e2e predicts ${PREDICTED_SHARDING_ALGORITHMS.join(' and ')} only ` +
        '(consistent-hashing also depends on application counts)',
    );
  }
  if (replicas === 1) return new Map(clusters.map((c) => [c.server, 0]));
  if (algorithm === 'legacy') {
    return new Map(clusters.map((c) => [c.server, c.id === '' ? 0 : fnv1a32(c.id) % replicas]));
  }
  // Go compares strings bytewise; ids are ASCII (UIDs), where code-unit order is the same.
  const byId = [...clusters].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Map(byId.map((c, rank) => [c.server, rank % replicas]));
}
