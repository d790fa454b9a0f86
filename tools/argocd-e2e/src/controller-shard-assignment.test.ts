import { describe, expect, it } from 'vitest';
import { assignShards, fnv1a32 } from './controller-shard-assignment';

const inCluster = { server: 'https://kubernetes.default.svc', id: '' };
const spokeA = { server: 'https://127.0.0.1:6001', id: 'f0e1d2c3-0000-4000-8000-00000000000a' };
const spokeB = { server: 'https://127.0.0.1:6002', id: '0a1b2c3d-0000-4000-8000-00000000000b' };

describe('controller shard assignment', () => {
  it('hashes like Go hash/fnv New32a', () => {
    // Published FNV-1a 32-bit test vectors.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('deals clusters out by id rank with round-robin, the in-cluster destination first', () => {
    const shards = assignShards([spokeA, inCluster, spokeB], 2, 'round-robin');
    expect(Object.fromEntries(shards)).toStrictEqual({
      [inCluster.server]: 0,
      [spokeB.server]: 1,
      [spokeA.server]: 0,
    });
  });

  it('hashes the id modulo the replicas with legacy, the in-cluster destination on shard 0', () => {
    const shards = assignShards([inCluster, spokeA, spokeB], 3, 'legacy');
    expect(Object.fromEntries(shards)).toStrictEqual({
      [inCluster.server]: 0,
      [spokeA.server]: fnv1a32(spokeA.id) % 3,
      [spokeB.server]: fnv1a32(spokeB.id) % 3,
    });
  });

  it('puts every cluster on shard 0 with one replica', () => {
    expect([...assignShards([inCluster, spokeA, spokeB], 1, 'round-robin').values()]).toStrictEqual([0, 0, 0]);
  });

  it('refuses what it cannot predict', () => {
    expect(() => assignShards([spokeA], 2, 'consistent-hashing')).toThrow(/predicts legacy and round-robin only/);
    expect(() => assignShards([spokeA], 0, 'legacy')).toThrow(/at least 1/);
  });
});
