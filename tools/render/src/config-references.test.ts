import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '@go-coffee/kube-objects';
import { readCommittedTree } from './committed-tree';
import { configReferenceViolations } from './config-references';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

const configMap = (name: string, data: Record<string, string>): Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'go-coffee-functions' },
  data,
});
const externalSecret = (name: string, keys: string[]): Manifest => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name, namespace: 'go-coffee-functions' },
  spec: {
    data: keys.map((secretKey) => ({ remoteRef: { key: 'k', property: 'p' }, secretKey })),
    target: { creationPolicy: 'Owner', name },
  },
});
const deployment = (envFrom: object[]): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'inventory-optimizer', namespace: 'go-coffee-functions' },
  spec: { template: { spec: { containers: [{ name: 'inventory-optimizer', envFrom }] } } },
});
const scaledObject = (metadata: Record<string, string>, authenticationRef?: { name: string }): Manifest => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'inventory-optimizer', namespace: 'go-coffee-functions' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'inventory-optimizer' },
    triggers: [{ type: 'kafka', metadata, ...(authenticationRef ? { authenticationRef } : {}) }],
  },
});
const inCluster = (...manifests: Manifest[]) => manifests.map((manifest) => ({ cluster: 'prod-aws', manifest }));

describe('rendered configuration and its consumers', () => {
  it('match in every committed cluster: everything rendered is read, every reference resolves', () => {
    const objects = readCommittedTree(workspaceRoot);
    expect(objects.length).toBeGreaterThan(500);
    expect(configReferenceViolations(objects)).toStrictEqual([]);
  });

  it('flags the old shape: endpoints ConfigMap and kafka-credentials rendered, read by no workload', () => {
    const violations = configReferenceViolations(
      inCluster(
        configMap('data-service-endpoints', { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' }),
        configMap('inventory-optimizer-config', { KAFKA_TOPICS: 'inventory.update' }),
        externalSecret('kafka-credentials', ['password', 'username']),
        deployment([{ configMapRef: { name: 'inventory-optimizer-config' } }]),
      ),
    );
    expect(violations).toStrictEqual([
      'prod-aws: ConfigMap go-coffee-functions/data-service-endpoints (from v1 ConfigMap go-coffee-functions/data-service-endpoints) is read by nothing; reference it from its consumer or stop rendering it',
      'prod-aws: Secret go-coffee-functions/kafka-credentials (from external-secrets.io/v1 ExternalSecret go-coffee-functions/kafka-credentials) is read by nothing; reference it from its consumer or stop rendering it',
    ]);
  });

  it('flags a reference to a Secret nobody renders, and a key its ExternalSecret does not provide', () => {
    const violations = configReferenceViolations(
      inCluster(
        externalSecret('kafka-credentials', ['KAFKA_SASL_USERNAME']),
        deployment([
          { secretRef: { name: 'kafka-credentials' } },
          { secretRef: { name: 'inventory-optimizer-secrets' } },
        ]),
        {
          apiVersion: 'keda.sh/v1alpha1',
          kind: 'TriggerAuthentication',
          metadata: { name: 'kafka-credentials', namespace: 'go-coffee-functions' },
          spec: { secretTargetRef: [{ parameter: 'password', name: 'kafka-credentials', key: 'KAFKA_SASL_PASSWORD' }] },
        },
      ),
    );
    expect(violations).toStrictEqual([
      'prod-aws: apps/v1 Deployment go-coffee-functions/inventory-optimizer reads Secret go-coffee-functions/inventory-optimizer-secrets, which is not rendered; render it (ConfigMap or ExternalSecret) or drop the reference',
      'prod-aws: keda.sh/v1alpha1 TriggerAuthentication go-coffee-functions/kafka-credentials reads key "KAFKA_SASL_PASSWORD" of Secret go-coffee-functions/kafka-credentials, which external-secrets.io/v1 ExternalSecret go-coffee-functions/kafka-credentials does not provide',
    ]);
  });

  it("flags a scaler whose FromEnv variable is not in its target's environment, or whose authentication is missing", () => {
    const violations = configReferenceViolations(
      inCluster(
        configMap('inventory-optimizer-config', { KAFKA_TOPICS: 'inventory.update' }),
        deployment([{ configMapRef: { name: 'inventory-optimizer-config' } }]),
        scaledObject({ bootstrapServersFromEnv: 'KAFKA_BOOTSTRAP_SERVERS', topic: 't' }, { name: 'kafka-credentials' }),
      ),
    );
    expect(violations).toStrictEqual([
      'prod-aws: keda.sh/v1alpha1 ScaledObject go-coffee-functions/inventory-optimizer authenticates with TriggerAuthentication go-coffee-functions/kafka-credentials, which is not rendered',
      'prod-aws: keda.sh/v1alpha1 ScaledObject go-coffee-functions/inventory-optimizer reads bootstrapServersFromEnv "KAFKA_BOOTSTRAP_SERVERS", which the container of inventory-optimizer does not have',
    ]);
  });
});
