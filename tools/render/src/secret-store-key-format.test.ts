import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '@go-coffee/kube-objects';
import { readCommittedTree } from './committed-tree';
import { secretStoreKeyViolations } from './secret-store-key-format';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

const store = (provider: string): Manifest => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ClusterSecretStore',
  metadata: { name: 'cloud-secret-store' },
  spec: { provider: { [provider]: {} } },
});
const externalSecret = (key: string): Manifest => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: 'kafka-credentials', namespace: 'go-coffee' },
  spec: {
    secretStoreRef: { kind: 'ClusterSecretStore', name: 'cloud-secret-store' },
    data: [{ remoteRef: { key, property: 'password' }, secretKey: 'password' }],
  },
});

describe('secret manager key names', () => {
  it('are valid for the provider of every committed cluster', () => {
    const objects = readCommittedTree(workspaceRoot);
    expect(objects.filter((o) => o.manifest.kind === 'ExternalSecret').length).toBeGreaterThan(20);
    expect(secretStoreKeyViolations(objects)).toStrictEqual([]);
  });

  it('rejects the old path-shaped key on GCP Secret Manager and Azure Key Vault, accepts it on AWS', () => {
    const old = externalSecret('go-coffee/prod/data/kafka');
    expect(
      secretStoreKeyViolations([
        { cluster: 'prod-gcp', manifest: store('gcpsm') },
        { cluster: 'prod-gcp', manifest: old },
      ]),
    ).toStrictEqual([
      'prod-gcp: external-secrets.io/v1 ExternalSecret go-coffee/kafka-credentials: remote key "go-coffee/prod/data/kafka" is not a valid name (GCP Secret Manager: letters, digits, - and _ (1–255)); build it with secretManagerKey',
    ]);
    expect(
      secretStoreKeyViolations([
        { cluster: 'prod-az', manifest: store('azurekv') },
        { cluster: 'prod-az', manifest: old },
      ]),
    ).toHaveLength(1);
    expect(
      secretStoreKeyViolations([
        { cluster: 'prod-aws', manifest: store('aws') },
        { cluster: 'prod-aws', manifest: old },
      ]),
    ).toStrictEqual([]);
  });

  it('rejects "_" on Azure Key Vault and an ExternalSecret whose store is not rendered in its cluster', () => {
    expect(
      secretStoreKeyViolations([
        { cluster: 'a', manifest: store('azurekv') },
        { cluster: 'a', manifest: externalSecret('go-coffee_prod_data_kafka') },
      ]),
    ).toHaveLength(1);
    expect(
      secretStoreKeyViolations([
        { cluster: 'a', manifest: store('aws') },
        { cluster: 'b', manifest: externalSecret('x') },
      ]),
    ).toStrictEqual([
      'b: external-secrets.io/v1 ExternalSecret go-coffee/kafka-credentials: store ClusterSecretStore "cloud-secret-store" is not rendered',
    ]);
  });
});
