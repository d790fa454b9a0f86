import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '@go-coffee/kube-objects';
import { readCommittedTree } from './committed-tree';
import { kafkaTopicViolations } from './kafka-topics-as-code';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

const scaledObject: Manifest = {
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'inventory-optimizer', namespace: 'go-coffee-functions' },
  spec: { triggers: [{ type: 'kafka', metadata: { topic: 'inventory.update' } }] },
};
const routing: Manifest = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'inventory-optimizer-routing', namespace: 'go-coffee-functions' },
  data: {
    'routing.json': JSON.stringify({
      routes: [{ topic: 'inventory.update', deadLetterTopic: 'inventory.update.dlq' }],
    }),
  },
};
const topic = (name: string): Manifest => ({
  apiVersion: 'kafka.strimzi.io/v1beta2',
  kind: 'KafkaTopic',
  metadata: { name, namespace: 'go-coffee-data', labels: { 'strimzi.io/cluster': 'go-coffee-kafka' } },
  spec: { topicName: name },
});

describe('Kafka topics as code', () => {
  it('every topic in use is a KafkaTopic that a Topic Operator reconciles, in every committed cluster', () => {
    const objects = readCommittedTree(workspaceRoot);
    for (const cluster of ['staging-aws-us-east-1', 'prod-gcp-us-central1']) {
      expect(objects.filter((o) => o.cluster === cluster && o.manifest.kind === 'KafkaTopic').length).toBeGreaterThan(
        10,
      );
    }
    expect(kafkaTopicViolations(objects)).toStrictEqual([]);
  });

  it('flags the old managed shape: functions consume topics no KafkaTopic declares', () => {
    expect(
      kafkaTopicViolations([scaledObject, routing].map((manifest) => ({ cluster: 'staging', manifest }))),
    ).toStrictEqual([
      'staging: topic "inventory.update" (used by ConfigMap go-coffee-functions/inventory-optimizer-routing) has no KafkaTopic',
      'staging: topic "inventory.update.dlq" (used by ConfigMap go-coffee-functions/inventory-optimizer-routing) has no KafkaTopic',
    ]);
  });

  it('flags KafkaTopics nobody reconciles, and accepts a standalone Topic Operator configured for them', () => {
    const topics = [topic('inventory.update'), topic('inventory.update.dlq')];
    const unreconciled = kafkaTopicViolations(
      [scaledObject, routing, ...topics].map((manifest) => ({ cluster: 'c', manifest })),
    );
    expect(unreconciled).toHaveLength(2);
    const settings: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kafka-topic-operator-config', namespace: 'go-coffee-data' },
      data: { STRIMZI_NAMESPACE: 'go-coffee-data', STRIMZI_RESOURCE_LABELS: 'strimzi.io/cluster=go-coffee-kafka' },
    };
    const operator: Manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'kafka-topic-operator', namespace: 'go-coffee-data' },
      spec: {
        template: {
          spec: { containers: [{ name: 'o', envFrom: [{ configMapRef: { name: 'kafka-topic-operator-config' } }] }] },
        },
      },
    };
    expect(
      kafkaTopicViolations(
        [scaledObject, routing, ...topics, settings, operator].map((manifest) => ({ cluster: 'c', manifest })),
      ),
    ).toStrictEqual([]);
  });
});
