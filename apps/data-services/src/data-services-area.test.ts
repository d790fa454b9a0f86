import { describe, expect, it } from 'vitest';
import type { ClusterContext } from '@go-coffee/environments';
import { testClusterContext } from '@go-coffee/environments/test-support';
import { renderAreaForTest, type RenderedObject } from '@go-coffee/render-kit/test-support';
import { CLOUD_SECRET_STORE } from '@go-coffee/workload-constructs';
import { dataServicesArea } from './index';

/** Parsed manifests are navigated freely in assertions; a wrong path fails the assertion anyway. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const render = (ctx: ClusterContext) => renderAreaForTest(dataServicesArea, ctx);

const named = (objects: RenderedObject[], kind: string) =>
  objects.filter((o) => o.kind === kind).map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);

const devAws = testClusterContext();
const devGcp = testClusterContext({
  name: 'dev-gcp-us-central1',
  cloud: 'gcp',
  region: 'us-central1',
  storageClass: 'premium-rwo',
  identity: { gcpServiceAccount: 'go-coffee-workloads@go-coffee-platform.iam.gserviceaccount.com' },
});
const prodAws = testClusterContext({ environment: 'prod', name: 'prod-aws-us-east-1', dataMode: 'managed' });
const stagingGcp = testClusterContext({
  environment: 'staging',
  name: 'staging-gcp-us-central1',
  cloud: 'gcp',
  region: 'us-central1',
  storageClass: 'premium-rwo',
  identity: { gcpServiceAccount: 'go-coffee-workloads@go-coffee-platform.iam.gserviceaccount.com' },
  dataMode: 'managed',
});
const prodAzure = testClusterContext({
  environment: 'prod',
  name: 'prod-azure-eastus',
  cloud: 'azure',
  region: 'eastus',
  storageClass: 'managed-csi-premium',
  identity: { azureClientId: '00000000-0000-0000-0000-000000000001' },
  dataMode: 'managed',
});
const ALL = [devAws, devGcp, prodAws, stagingGcp, prodAzure];

describe('data-services area', () => {
  it('renders the dev AWS cluster as in the snapshot', () => {
    expect(render(devAws)).toMatchSnapshot();
  });

  it('runs Kafka, Postgres and Redis in-cluster through their operators in dev', () => {
    const objects = render(devAws);
    expect(named(objects, 'Application')).toStrictEqual([
      'argocd/cert-manager',
      'argocd/external-secrets',
      'argocd/keda',
      'argocd/strimzi-kafka-operator',
      'argocd/cloudnative-pg',
      'argocd/redis-operator',
    ]);
    expect(named(objects, 'Kafka')).toStrictEqual(['go-coffee-data/go-coffee-kafka']);
    expect(named(objects, 'KafkaNodePool')).toStrictEqual(['go-coffee-data/go-coffee-kafka-dual-role']);
    expect(named(objects, 'Cluster')).toStrictEqual(['go-coffee-data/go-coffee-postgres']);
    expect(named(objects, 'Redis')).toStrictEqual(['go-coffee-data/go-coffee-redis']);
    expect(objects.filter((o) => o.kind === 'Service')).toStrictEqual([]);
    const charts = objects.filter((o) => o.kind === 'Application').map((o) => o.spec!.source.chart);
    expect(charts).toContain('strimzi-kafka-operator');
    expect(charts).toContain('cloudnative-pg');
    expect(charts).toContain('redis-operator');
  });

  it.each([prodAws, stagingGcp, prodAzure])(
    'points $name at managed services, with no data operator or data CR, and a standalone Topic Operator',
    (ctx) => {
      const objects = render(ctx);
      expect(named(objects, 'Application')).toStrictEqual([
        'argocd/cert-manager',
        'argocd/external-secrets',
        'argocd/keda',
        'argocd/strimzi-kafka-operator',
      ]);
      // Strimzi's chart only for the KafkaTopic CRD: no cluster operator pod.
      const strimzi = objects.find((o) => o.kind === 'Application' && o.metadata.name === 'strimzi-kafka-operator')!;
      expect(strimzi.spec!.source.helm.valuesObject).toStrictEqual({ replicas: 0 });
      const operator = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'kafka-topic-operator')!;
      const container = operator.spec!.template.spec.containers[0];
      expect([
        container.image,
        container.args,
        operator.spec!.template.spec.automountServiceAccountToken,
      ]).toStrictEqual(['ghcr.io/go-coffee/strimzi-operator:0.45.0', ['/opt/strimzi/bin/topic_operator_run.sh'], true]);
      const settings = objects.find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name === 'kafka-topic-operator-config',
      )!;
      expect(settings.data).toMatchObject({
        STRIMZI_NAMESPACE: 'go-coffee-data',
        STRIMZI_RESOURCE_LABELS: 'strimzi.io/cluster=go-coffee-kafka',
        STRIMZI_SASL_MECHANISM: ctx.cloud === 'aws' ? 'scram-sha-512' : 'plain',
        STRIMZI_SECURITY_PROTOCOL: 'SASL_SSL',
      });
      for (const kind of ['Kafka', 'KafkaNodePool', 'Cluster', 'Redis']) expect(named(objects, kind)).toStrictEqual([]);
      // TLS clients verify the provider's certificate, so no in-cluster alias (ExternalName) is rendered.
      expect(named(objects, 'Service')).toStrictEqual([]);
      const kafka = objects.filter((o) => o.kind === 'ExternalSecret' && o.metadata.name === 'kafka-credentials');
      expect(kafka.map((o) => o.metadata.namespace)).toStrictEqual(['go-coffee', 'go-coffee-functions']);
      expect(
        (kafka[0]!.spec!.data as Loose[]).map((entry) => [entry.secretKey, entry.remoteRef.property]),
      ).toStrictEqual([
        ['KAFKA_BOOTSTRAP_SERVERS', 'bootstrap_servers'],
        ['KAFKA_SASL_PASSWORD', 'password'],
        ['KAFKA_SASL_USERNAME', 'username'],
      ]);
    },
  );

  it("names the cloud's managed products and their client settings in the endpoints ConfigMap", () => {
    const providers = (ctx: ClusterContext) => {
      const data = render(ctx).find((o) => o.kind === 'ConfigMap' && o.metadata.namespace === 'go-coffee')!.data!;
      return [
        data.KAFKA_PROVIDER,
        data.POSTGRES_PROVIDER,
        data.REDIS_PROVIDER,
        data.KAFKA_BOOTSTRAP_SERVERS,
        data.KAFKA_SASL_MECHANISM,
      ];
    };
    expect(providers(devAws)).toStrictEqual([
      'Strimzi',
      'CloudNativePG',
      'OT redis-operator',
      'go-coffee-kafka-kafka-bootstrap.go-coffee-data.svc.cluster.local:9092',
      undefined,
    ]);
    expect(providers(prodAws)).toStrictEqual([
      'Amazon MSK',
      'Amazon RDS for PostgreSQL',
      'Amazon ElastiCache for Redis',
      // Managed brokers come from kafka-credentials: the provider's host names, never an in-cluster alias.
      undefined,
      'SCRAM-SHA-512',
    ]);
    expect(providers(stagingGcp)).toStrictEqual([
      'Google Cloud Managed Service for Apache Kafka',
      'Cloud SQL for PostgreSQL',
      'Memorystore for Redis',
      undefined,
      'PLAIN',
    ]);
    expect(providers(prodAzure).slice(0, 3)).toStrictEqual([
      'Azure Event Hubs (Kafka endpoint)',
      'Azure Database for PostgreSQL flexible server',
      'Azure Cache for Redis',
    ]);
  });

  it('never renders a Secret; every ExternalSecret reads the cluster secret store this area renders', () => {
    for (const ctx of ALL) {
      const objects = render(ctx);
      expect(
        objects.filter((o) => o.kind === 'Secret'),
        ctx.name,
      ).toStrictEqual([]);
      expect(named(objects, 'ClusterSecretStore')).toStrictEqual([`/${CLOUD_SECRET_STORE}`]);
      const externalSecrets = objects.filter((o) => o.kind === 'ExternalSecret');
      expect(externalSecrets.length).toBeGreaterThan(0);
      for (const secret of externalSecrets) {
        expect(secret.spec!.secretStoreRef).toStrictEqual({ kind: 'ClusterSecretStore', name: CLOUD_SECRET_STORE });
      }
    }
  });

  it('feeds the operators their passwords from ExternalSecrets in dev', () => {
    const objects = render(devAws);
    const secretNames = objects.filter((o) => o.kind === 'ExternalSecret').map((o) => o.spec!.target.name);
    const postgres = objects.find((o) => o.kind === 'Cluster')!;
    const redis = objects.find((o) => o.kind === 'Redis')!;
    expect(secretNames).toContain(postgres.spec!.bootstrap.initdb.secret.name);
    expect(secretNames).toContain(redis.spec!.kubernetesConfig.redisSecret.name);
  });

  it("puts every in-cluster data volume on the cloud's storage class", () => {
    for (const ctx of [devAws, devGcp]) {
      const objects = render(ctx);
      const pool = objects.find((o) => o.kind === 'KafkaNodePool')!;
      const postgres = objects.find((o) => o.kind === 'Cluster')!;
      const redis = objects.find((o) => o.kind === 'Redis')!;
      expect([
        pool.spec!.storage.volumes[0].class,
        postgres.spec!.storage.storageClass,
        redis.spec!.storage.volumeClaimTemplate.spec.storageClassName,
      ]).toStrictEqual([ctx.storageClass, ctx.storageClass, ctx.storageClass]);
    }
  });

  it("gives External Secrets Operator the cluster's cloud identity", () => {
    const eso = (ctx: ClusterContext) =>
      render(ctx).find((o) => o.kind === 'Application' && o.metadata.name === 'external-secrets')!.spec!.source.helm
        .valuesObject;
    expect(eso(devAws).serviceAccount.annotations).toStrictEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::111111111111:role/go-coffee-dev-workloads',
    });
    expect(eso(prodAzure).serviceAccount.annotations).toStrictEqual({
      'azure.workload.identity/client-id': '00000000-0000-0000-0000-000000000001',
    });
    expect(eso(prodAzure).podLabels).toStrictEqual({ 'azure.workload.identity/use': 'true' });
  });

  it('installs cert-manager from the pinned jetstack chart with its CRDs, into its restricted namespace', () => {
    const objects = render(devAws);
    const app = objects.find((o) => o.kind === 'Application' && o.metadata.name === 'cert-manager')!;
    expect(app.spec!.project).toBe('platform');
    expect(app.spec!.destination).toStrictEqual({
      server: 'https://kubernetes.default.svc',
      namespace: 'cert-manager',
    });
    expect(app.spec!.source).toMatchObject({
      repoURL: 'https://charts.jetstack.io',
      chart: 'cert-manager',
      targetRevision: expect.stringMatching(/^v\d+\.\d+\.\d+$/),
      helm: { releaseName: 'cert-manager' },
    });
    expect(app.spec!.source.helm.valuesObject.crds).toStrictEqual({ enabled: true, keep: true });
    expect(app.spec!.source.helm.valuesObject.global.leaderElection.namespace).toBe('cert-manager');
    const namespace = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'cert-manager')!;
    expect(namespace.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.34',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
  });

  it("runs cert-manager as its own DNS identity on every cloud, never the workloads' identity", () => {
    const values = (ctx: ClusterContext) =>
      render(ctx).find((o) => o.kind === 'Application' && o.metadata.name === 'cert-manager')!.spec!.source.helm
        .valuesObject;
    expect(values(devAws).serviceAccount).toStrictEqual({
      annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111111111111:role/go-coffee-dev-cert-manager' },
      create: true,
      name: 'cert-manager',
    });
    expect(values(stagingGcp).serviceAccount.annotations).toStrictEqual({
      'iam.gke.io/gcp-service-account': 'cert-manager-dev@go-coffee-platform.iam.gserviceaccount.com',
    });
    expect(values(prodAzure).serviceAccount.annotations).toStrictEqual({
      'azure.workload.identity/client-id': '00000000-0000-0000-0000-0000000000c3',
    });
    expect(values(prodAzure).podLabels).toStrictEqual({ 'azure.workload.identity/use': 'true' });
    expect(values(devAws).podLabels).toBeUndefined();
  });

  it('runs cert-manager with two replicas and disruption budgets in prod only', () => {
    const values = (ctx: ClusterContext) =>
      render(ctx).find((o) => o.kind === 'Application' && o.metadata.name === 'cert-manager')!.spec!.source.helm
        .valuesObject;
    const shape = (v: Loose) =>
      [v, v.webhook, v.cainjector].map((c: Loose) => [c.replicaCount, c.podDisruptionBudget.enabled]);
    expect(shape(values(prodAws))).toStrictEqual([
      [2, true],
      [2, true],
      [2, true],
    ]);
    expect(shape(values(devAws))).toStrictEqual([
      [1, false],
      [1, false],
      [1, false],
    ]);
  });

  it('fails with the cluster and the setting when the cloud has no cert-manager identity', () => {
    const ctx = testClusterContext({
      tls: {
        ...devAws.tls,
        dns: { ...devAws.tls.dns, identity: { gcpServiceAccount: 'x@y.iam.gserviceaccount.com' } },
      },
    });
    expect(() => render(ctx)).toThrow(
      'cluster "dev-aws-us-east-1" (aws): clouds.aws.dns.identity.awsRoleArn is not set, but cert-manager needs it',
    );
  });

  it('holds the operators by hand when the environment holds the data-services area by hand', () => {
    const objects = render(testClusterContext({ sync: { manualApplications: ['data-services'] } }));
    for (const app of objects.filter((o) => o.kind === 'Application')) {
      expect(app.spec!.syncPolicy.automated, app.metadata.name).toBeUndefined();
    }
    const automated = render(devAws).filter((o) => o.kind === 'Application' && o.spec!.syncPolicy.automated);
    expect(automated).toHaveLength(6);
  });

  it('sets the owner and name labels on every object and renders identical output twice', () => {
    for (const ctx of ALL) {
      const objects = render(ctx);
      for (const object of objects) {
        const what = `${ctx.name}: ${object.kind} ${object.metadata.name}`;
        expect(object.metadata.labels?.['go-coffee.io/owner'], what).toBe('platform-engineering');
        expect(object.metadata.labels?.['app.kubernetes.io/name'], what).toBeTruthy();
      }
      expect(JSON.stringify(render(ctx))).toBe(JSON.stringify(objects));
    }
  });

  it('does not set the labels and annotations the render engine owns', () => {
    for (const object of render(devAws)) {
      expect(Object.keys(object.metadata.labels ?? {})).not.toContain('app.kubernetes.io/part-of');
      expect(Object.keys(object.metadata.labels ?? {})).not.toContain('app.kubernetes.io/managed-by');
      expect(Object.keys(object.metadata.annotations ?? {})).not.toContain('argocd.argoproj.io/sync-wave');
    }
  });
});
