import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '@go-coffee/kube-objects';
import { readCommittedTree } from './committed-tree';
import { tlsClientHostViolations } from './tls-client-hosts';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

const alias: Manifest = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'go-coffee-kafka-kafka-bootstrap', namespace: 'go-coffee-data' },
  spec: { externalName: 'kafka.prod-aws-us-east-1.data.go-coffee.internal', type: 'ExternalName' },
};

describe('TLS clients of managed data services', () => {
  it('never dial an in-cluster alias in any committed cluster', () => {
    expect(tlsClientHostViolations(readCommittedTree(workspaceRoot))).toStrictEqual([]);
  });

  it('flag the old shape: bootstrap servers pointing at the ExternalName alias of MSK', () => {
    const endpoints: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'data-service-endpoints', namespace: 'go-coffee' },
      data: {
        KAFKA_BOOTSTRAP_SERVERS: 'go-coffee-kafka-kafka-bootstrap.go-coffee-data.svc.cluster.local:9096',
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      },
    };
    const trigger: Manifest = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'f', namespace: 'go-coffee-functions' },
      spec: {
        triggers: [
          { type: 'kafka', metadata: { bootstrapServers: 'go-coffee-kafka-kafka-bootstrap.go-coffee-data:9096' } },
        ],
      },
    };
    expect(
      tlsClientHostViolations([alias, endpoints, trigger].map((manifest) => ({ cluster: 'prod', manifest }))),
    ).toStrictEqual([
      "prod: keda.sh/v1alpha1 ScaledObject go-coffee-functions/f dials go-coffee-kafka-kafka-bootstrap.go-coffee-data, an ExternalName alias; TLS clients must use the provider's host (from the secret manager)",
      "prod: v1 ConfigMap go-coffee/data-service-endpoints dials go-coffee-kafka-kafka-bootstrap.go-coffee-data.svc.cluster.local, an ExternalName alias; TLS clients must use the provider's host (from the secret manager)",
    ]);
  });

  it('leave names of other Services alone', () => {
    const other: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'go-coffee' },
      data: { UPSTREAM: 'go-coffee-kafka-kafka-bootstrap-extra.go-coffee-data.svc.cluster.local:9092' },
    };
    expect(tlsClientHostViolations([alias, other].map((manifest) => ({ cluster: 'prod', manifest })))).toStrictEqual(
      [],
    );
  });
});
