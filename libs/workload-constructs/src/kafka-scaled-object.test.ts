import { describe, expect, it } from 'vitest';
import { KafkaScaledObject } from './kafka-scaled-object';
import type { KafkaScaledObjectProps } from './kafka-scaled-object';
import { synthIn } from '../test-support/test-synth';

const props: KafkaScaledObjectProps = {
  name: 'notification-dispatcher',
  targetDeploymentName: 'notification-dispatcher',
  bootstrap: { servers: 'kafka-0:9092,kafka-1:9092' },
  consumerGroup: 'notification-dispatcher',
  triggers: [
    { topic: 'notification.send', lagThreshold: 50 },
    { topic: 'alert.trigger', lagThreshold: 10 },
  ],
  minReplicaCount: 0,
  maxReplicaCount: 6,
};

describe('KafkaScaledObject', () => {
  it('scales the Deployment on lag with one kafka trigger per topic, string metadata as KEDA requires', () => {
    expect(synthIn((chart) => new KafkaScaledObject(chart, 'so', props))).toStrictEqual([
      {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'ScaledObject',
        metadata: { name: 'notification-dispatcher', namespace: 'go-coffee' },
        spec: {
          cooldownPeriod: 300,
          maxReplicaCount: 6,
          minReplicaCount: 0,
          pollingInterval: 15,
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'notification-dispatcher' },
          triggers: [
            {
              metadata: {
                bootstrapServers: 'kafka-0:9092,kafka-1:9092',
                consumerGroup: 'notification-dispatcher',
                lagThreshold: '50',
                offsetResetPolicy: 'earliest',
                topic: 'notification.send',
              },
              type: 'kafka',
            },
            {
              metadata: {
                bootstrapServers: 'kafka-0:9092,kafka-1:9092',
                consumerGroup: 'notification-dispatcher',
                lagThreshold: '10',
                offsetResetPolicy: 'earliest',
                topic: 'alert.trigger',
              },
              type: 'kafka',
            },
          ],
        },
      },
    ]);
  });

  it.each<[Partial<KafkaScaledObjectProps>, RegExp]>([
    [{ minReplicaCount: 4, maxReplicaCount: 3 }, /minReplicaCount 4 exceeds maxReplicaCount 3/],
    [{ minReplicaCount: -1 }, /minReplicaCount is -1/],
    [{ triggers: [] }, /no triggers/],
    [{ bootstrap: { servers: 'kafka' } }, /bootstrap servers "kafka" must be a comma-separated host:port list/],
    [
      { bootstrap: { fromEnv: 'KAFKA-SERVERS' } },
      /bootstrap fromEnv "KAFKA-SERVERS" is not an environment variable name/,
    ],
    [{ consumerGroup: ' ' }, /consumerGroup is empty/],
    [{ triggers: [{ topic: 't', lagThreshold: 0 }] }, /lagThreshold of topic "t" is 0/],
    [
      {
        triggers: [
          { topic: 't', lagThreshold: 1 },
          { topic: 't', lagThreshold: 2 },
        ],
      },
      /topic "t" has two triggers/,
    ],
  ])('rejects %j with an actionable message', (override, message) => {
    expect(() => synthIn((chart) => new KafkaScaledObject(chart, 'so', { ...props, ...override }))).toThrow(message);
  });

  it('authenticates every trigger through the TriggerAuthentication, with SASL over TLS, and reads brokers from env', () => {
    const [scaledObject] = synthIn(
      (chart) =>
        new KafkaScaledObject(chart, 'so', {
          ...props,
          bootstrap: { fromEnv: 'KAFKA_BOOTSTRAP_SERVERS' },
          security: { sasl: 'scram_sha512', tls: 'enable', triggerAuthenticationName: 'kafka-credentials' },
        }),
    );
    const triggers = (scaledObject!.spec as { triggers: Record<string, unknown>[] }).triggers;
    expect(triggers[0]).toStrictEqual({
      authenticationRef: { name: 'kafka-credentials' },
      metadata: {
        bootstrapServersFromEnv: 'KAFKA_BOOTSTRAP_SERVERS',
        consumerGroup: 'notification-dispatcher',
        lagThreshold: '50',
        offsetResetPolicy: 'earliest',
        sasl: 'scram_sha512',
        tls: 'enable',
        topic: 'notification.send',
      },
      type: 'kafka',
    });
    expect(triggers.every((trigger) => 'authenticationRef' in trigger)).toBe(true);
  });
});
