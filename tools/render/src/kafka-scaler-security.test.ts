import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '@go-coffee/kube-objects';
import { readCommittedTree } from './committed-tree';
import { kafkaScalerSecurityViolations } from './kafka-scaler-security';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

const endpoints: Manifest = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'data-service-endpoints', namespace: 'go-coffee-functions' },
  data: { KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' },
};
const scaledObject = (trigger: object): Manifest => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'inventory-optimizer', namespace: 'go-coffee-functions' },
  spec: { triggers: [{ type: 'kafka', ...trigger }] },
});

describe('KEDA kafka triggers', () => {
  it('use the SASL/TLS of their namespace’s Kafka listener in every committed cluster', () => {
    const objects = readCommittedTree(workspaceRoot);
    expect(objects.filter((o) => o.manifest.kind === 'ScaledObject').length).toBeGreaterThan(20);
    expect(kafkaScalerSecurityViolations(objects)).toStrictEqual([]);
  });

  it('flag the old shape: an MSK SCRAM listener polled without sasl, tls or authenticationRef', () => {
    const old = scaledObject({
      metadata: { bootstrapServersFromEnv: 'KAFKA_BOOTSTRAP_SERVERS', topic: 'inventory.update' },
    });
    expect(
      kafkaScalerSecurityViolations([endpoints, old].map((manifest) => ({ cluster: 'staging-aws', manifest }))),
    ).toStrictEqual([
      'staging-aws: keda.sh/v1alpha1 ScaledObject go-coffee-functions/inventory-optimizer: trigger of topic "inventory.update" has no authenticationRef; SASL needs username and password from a TriggerAuthentication',
      'staging-aws: keda.sh/v1alpha1 ScaledObject go-coffee-functions/inventory-optimizer: trigger of topic "inventory.update" has sasl "undefined", the listener (SASL_SSL) needs "scram_sha512"',
      'staging-aws: keda.sh/v1alpha1 ScaledObject go-coffee-functions/inventory-optimizer: trigger of topic "inventory.update" has tls "undefined", the listener (SASL_SSL) needs "enable"',
    ]);
  });

  it('pass a trigger that matches the listener, and flag a mechanism mismatch', () => {
    const matching = scaledObject({
      authenticationRef: { name: 'kafka-credentials' },
      metadata: { sasl: 'scram_sha512', tls: 'enable', topic: 't' },
    });
    expect(
      kafkaScalerSecurityViolations([endpoints, matching].map((manifest) => ({ cluster: 'c', manifest }))),
    ).toStrictEqual([]);
    const plain = scaledObject({
      authenticationRef: { name: 'k' },
      metadata: { sasl: 'plaintext', tls: 'enable', topic: 't' },
    });
    expect(
      kafkaScalerSecurityViolations([endpoints, plain].map((manifest) => ({ cluster: 'c', manifest }))),
    ).toHaveLength(1);
  });
});
