import { describe, expect, it } from 'vitest';
import { KafkaTopic, kafkaTopicResourceName } from './kafka-topic';
import { synthIn } from '../test-support/test-synth';

describe('KafkaTopic', () => {
  it('keeps the exact Kafka name in spec.topicName and a Kubernetes-safe object name', () => {
    const manifests = synthIn(
      (chart) =>
        new KafkaTopic(chart, 't', {
          topicName: 'coffee_orders',
          kafkaClusterName: 'go-coffee-kafka',
          namespace: 'go-coffee-data',
          partitions: 6,
          replicas: 3,
          config: { 'retention.ms': 604800000, 'min.insync.replicas': 2, 'cleanup.policy': 'delete' },
        }),
    );
    expect(manifests).toStrictEqual([
      {
        apiVersion: 'kafka.strimzi.io/v1beta2',
        kind: 'KafkaTopic',
        metadata: {
          labels: { 'strimzi.io/cluster': 'go-coffee-kafka' },
          name: 'coffee-orders',
          namespace: 'go-coffee-data',
        },
        spec: {
          config: { 'cleanup.policy': 'delete', 'min.insync.replicas': 2, 'retention.ms': 604800000 },
          partitions: 6,
          replicas: 3,
          topicName: 'coffee_orders',
        },
      },
    ]);
  });

  it('derives dotted event topic names unchanged', () => {
    expect(kafkaTopicResourceName('coffee.order.created.dlt')).toBe('coffee.order.created.dlt');
    expect(kafkaTopicResourceName('Alert_Trigger')).toBe('alert-trigger');
  });

  it.each([
    [{ topicName: 'has space' }, /a Kafka topic name is 1-249 letters/],
    [{ partitions: 0 }, /partitions is 0/],
    [{ replicas: 1, config: { 'min.insync.replicas': 2 } }, /min.insync.replicas 2 exceeds replicas 1/],
    [{ topicName: 'a..b' }, /derived object name "a..b" is not a valid Kubernetes name/],
  ])('rejects %j with an actionable message', (override, message) => {
    expect(() =>
      synthIn(
        (chart) =>
          new KafkaTopic(chart, 't', {
            topicName: 't',
            kafkaClusterName: 'k',
            partitions: 1,
            replicas: 1,
            ...override,
          }),
      ),
    ).toThrow(message);
  });
});
