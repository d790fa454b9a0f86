import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import type { OpstreeRedisProps } from './opstree-redis';
import { OpstreeRedis } from './opstree-redis';

const props: OpstreeRedisProps = {
  name: 'go-coffee-redis',
  namespace: 'go-coffee-data',
  image: 'quay.io/opstree/redis:v7.0.15',
  storageGi: 2,
  storageClass: 'gp3',
  passwordSecret: { name: 'redis-credentials', key: 'password' },
};

function synth(overrides: Partial<OpstreeRedisProps> = {}) {
  const chart = new Chart(Testing.app(), 'test');
  new OpstreeRedis(chart, 'redis', { ...props, ...overrides });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return Testing.synth(chart)[0] as any;
}

describe('OpstreeRedis', () => {
  it('protects Redis with the password Secret and exports metrics', () => {
    const redis = synth();
    expect(redis.spec.kubernetesConfig.redisSecret).toStrictEqual({ key: 'password', name: 'redis-credentials' });
    expect(redis.spec.redisExporter.enabled).toBe(true);
  });

  it('keeps its data on the given storage class', () => {
    expect(synth().spec.storage.volumeClaimTemplate.spec).toMatchObject({
      storageClassName: 'gp3',
      resources: { requests: { storage: '2Gi' } },
    });
  });

  it('rejects an unpinned image', () => {
    expect(() => synth({ image: 'quay.io/opstree/redis:latest' })).toThrow(/must be pinned to a version tag/);
  });
});
