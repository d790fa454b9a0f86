import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import type { StrimziKafkaClusterProps } from './strimzi-kafka-cluster';
import { StrimziKafkaCluster } from './strimzi-kafka-cluster';

const props: StrimziKafkaClusterProps = {
  name: 'go-coffee-kafka',
  namespace: 'go-coffee-data',
  kafkaVersion: '3.9.0',
  nodes: 1,
  storageGi: 10,
  storageClass: 'gp3',
};

function synth(overrides: Partial<StrimziKafkaClusterProps> = {}) {
  const chart = new Chart(Testing.app(), 'test');
  const cluster = new StrimziKafkaCluster(chart, 'kafka', { ...props, ...overrides });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const [pool, kafka] = Testing.synth(chart) as any[];
  return { cluster, pool, kafka };
}

describe('StrimziKafkaCluster', () => {
  it('runs KRaft: a node pool of combined controllers and brokers bound to the cluster, no ZooKeeper', () => {
    const { pool, kafka } = synth();
    expect(pool.kind).toBe('KafkaNodePool');
    expect(pool.metadata.labels['strimzi.io/cluster']).toBe('go-coffee-kafka');
    expect(pool.spec.roles).toStrictEqual(['controller', 'broker']);
    expect(pool.spec.storage.volumes[0]).toMatchObject({ class: 'gp3', kraftMetadata: 'shared', size: '10Gi' });
    expect(kafka.metadata.annotations).toStrictEqual({
      'strimzi.io/kraft': 'enabled',
      'strimzi.io/node-pools': 'enabled',
    });
    expect(kafka.spec.zookeeper).toBeUndefined();
    expect(kafka.spec.kafka.metadataVersion).toBe('3.9-IV0');
  });

  it('lowers replication to what one node can hold and keeps 3 with 2 in sync on three nodes', () => {
    expect(synth().kafka.spec.kafka.config).toMatchObject({
      'default.replication.factor': 1,
      'min.insync.replicas': 1,
    });
    expect(synth({ nodes: 3 }).kafka.spec.kafka.config).toMatchObject({
      'default.replication.factor': 3,
      'min.insync.replicas': 2,
    });
  });

  it('publishes the plain listener bootstrap address', () => {
    expect(synth().cluster.bootstrapServers).toBe(
      'go-coffee-kafka-kafka-bootstrap.go-coffee-data.svc.cluster.local:9092',
    );
  });

  it('rejects two nodes, which cannot form a fault-tolerant KRaft quorum', () => {
    expect(() => synth({ nodes: 2 })).toThrow(/nodes is 2; use 1 \(dev\) or 3 or more/);
  });

  it('rejects a Kafka version that is not a full version', () => {
    expect(() => synth({ kafkaVersion: '3.9' })).toThrow(/kafkaVersion "3.9" must be a full version/);
  });
});
