// The data area of one cluster. Dev: Kafka, Postgres and Redis run in-cluster through their operators, with
// passwords taken from the cloud's secret manager. Staging and prod: the cloud's managed services, whose
// provider host names and Kafka credentials reach workloads through ExternalSecrets (TLS clients must dial
// the names on the provider's certificates, so there are no in-cluster aliases). Both: External Secrets
// Operator with the cloud's ClusterSecretStore, KEDA, cert-manager with the Let's Encrypt ClusterIssuer for the
// public entry point, and a ConfigMap with the data services' client settings in every workload namespace.
import { ApiObject, JsonPatch, type Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import { NAMESPACES } from '@go-coffee/render-kit';
import { dataServicesCharts } from './area';
import {
  CLOUD_SECRET_STORE,
  DATA_ENDPOINTS_CONFIG_MAP,
  dataServiceEndpoints,
  endpointEnvironment,
  ExternalSecret,
  KAFKA_CLIENT_ENV,
  KAFKA_CLUSTER_NAME,
  KAFKA_CREDENTIALS_SECRET,
  LABEL_NAME,
  LABEL_OWNER,
  POSTGRES_CLUSTER_NAME,
  PUBLIC_CLUSTER_ISSUER,
  REDIS_NAME,
  secretManagerKey,
} from '@go-coffee/workload-constructs';
import { AcmeClusterIssuer } from './acme-cluster-issuer';
import { CloudSecretStore } from './cloud-secret-store';
import { CnpgPostgresCluster } from './cnpg-postgres-cluster';
import {
  DATA_OWNER,
  EXTERNAL_SECRETS_SERVICE_ACCOUNT,
  OPERATOR_NAMESPACES,
  OPERATOR_POD_SECURITY,
  renderOperatorApplications,
} from './operator-applications';
import { OpstreeRedis } from './opstree-redis';
import { StandaloneTopicOperator } from './standalone-topic-operator';
import { StrimziKafkaCluster } from './strimzi-kafka-cluster';

export { DATA_SERVICES_AREA } from './operator-applications';

/** Namespaces whose workloads read the data services' settings (the data namespace runs only operators). */
const CLIENT_NAMESPACES = [NAMESPACES.core, NAMESPACES.functions] as const;
const KAFKA_VERSION = '3.9.0';
const POSTGRES_IMAGE = 'ghcr.io/cloudnative-pg/postgresql:16.6';
const REDIS_IMAGE = 'quay.io/opstree/redis:v7.0.15';

function labels(name: string): Record<string, string> {
  return { [LABEL_NAME]: name, [LABEL_OWNER]: DATA_OWNER };
}

function renderOperatorNamespaces(chart: Chart, ctx: ClusterContext): void {
  const version = `v${ctx.kubernetesVersion}`;
  for (const name of Object.values(OPERATOR_NAMESPACES).sort()) {
    const enforce = OPERATOR_POD_SECURITY[name];
    new ApiObject(chart, `namespace-${name}`, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: {
          ...labels(name),
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/audit-version': version,
          'pod-security.kubernetes.io/enforce': enforce,
          'pod-security.kubernetes.io/enforce-version': version,
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/warn-version': version,
        },
      },
    });
  }
}

function renderInClusterDataServices(chart: Chart, ctx: ClusterContext): void {
  const data = NAMESPACES.data;
  const storageGi = { small: 10, medium: 20, large: 50 }[ctx.sizing.name];

  new StrimziKafkaCluster(chart, 'kafka', {
    name: KAFKA_CLUSTER_NAME,
    namespace: data,
    kafkaVersion: KAFKA_VERSION,
    nodes: 1,
    storageGi,
    storageClass: ctx.storageClass,
    labels: labels('kafka'),
  });

  const postgresOwner = new ExternalSecret(chart, 'postgres-owner', {
    name: 'postgres-owner-credentials',
    namespace: data,
    secretStoreName: CLOUD_SECRET_STORE,
    labels: labels('postgres'),
    data: [
      { secretKey: 'password', remoteKey: secretManagerKey(ctx, 'data', 'postgres'), property: 'password' },
      { secretKey: 'username', remoteKey: secretManagerKey(ctx, 'data', 'postgres'), property: 'username' },
    ],
  });
  // CloudNativePG reads bootstrap credentials from a basic-auth Secret.
  postgresOwner.apiObject.addJsonPatch(JsonPatch.add('/spec/target/template', { type: 'kubernetes.io/basic-auth' }));
  new CnpgPostgresCluster(chart, 'postgres', {
    name: POSTGRES_CLUSTER_NAME,
    namespace: data,
    instances: 1,
    imageName: POSTGRES_IMAGE,
    storageGi,
    storageClass: ctx.storageClass,
    database: 'go_coffee',
    owner: 'go_coffee',
    ownerSecretName: postgresOwner.secretName,
    labels: labels('postgres'),
  });

  const redisPassword = new ExternalSecret(chart, 'redis-password', {
    name: 'redis-credentials',
    namespace: data,
    secretStoreName: CLOUD_SECRET_STORE,
    labels: labels('redis'),
    data: [{ secretKey: 'password', remoteKey: secretManagerKey(ctx, 'data', 'redis'), property: 'password' }],
  });
  new OpstreeRedis(chart, 'redis', {
    name: REDIS_NAME,
    namespace: data,
    image: REDIS_IMAGE,
    storageGi: Math.max(1, Math.floor(storageGi / 5)),
    storageClass: ctx.storageClass,
    passwordSecret: { name: redisPassword.secretName, key: 'password' },
    labels: labels('redis'),
  });
}

function renderManagedDataServices(chart: Chart, ctx: ClusterContext): void {
  new StandaloneTopicOperator(chart, 'topic-operator', {
    ctx,
    namespace: NAMESPACES.data,
    strimziVersion: dataServicesCharts.strimzi.version,
    labels: labels('kafka-topic-operator'),
  });
  // Managed Kafka always authenticates (SASL over TLS). The cloud IaC writes the provider's broker list next to
  // the SASL user; producers, consumers and KEDA all read these keys.
  const remoteKey = secretManagerKey(ctx, 'data', 'kafka');
  for (const namespace of CLIENT_NAMESPACES) {
    new ExternalSecret(chart, `kafka-credentials-${namespace}`, {
      name: KAFKA_CREDENTIALS_SECRET,
      namespace,
      secretStoreName: CLOUD_SECRET_STORE,
      labels: labels('kafka'),
      data: [
        { secretKey: KAFKA_CLIENT_ENV.bootstrapServers, remoteKey, property: 'bootstrap_servers' },
        { secretKey: KAFKA_CLIENT_ENV.saslPassword, remoteKey, property: 'password' },
        { secretKey: KAFKA_CLIENT_ENV.saslUsername, remoteKey, property: 'username' },
      ],
    });
  }
}

/** Adds the data objects of one cluster to `chart`. */
export function renderDataServices(chart: Chart, ctx: ClusterContext): void {
  renderOperatorNamespaces(chart, ctx);
  renderOperatorApplications(chart, ctx);
  new CloudSecretStore(chart, 'cloud-secret-store', {
    name: CLOUD_SECRET_STORE,
    ctx,
    serviceAccount: EXTERNAL_SECRETS_SERVICE_ACCOUNT,
    labels: labels('external-secrets'),
  });
  new AcmeClusterIssuer(chart, 'public-cluster-issuer', {
    name: PUBLIC_CLUSTER_ISSUER,
    ctx,
    labels: labels('cert-manager'),
  });

  if (ctx.dataMode === 'in-cluster') renderInClusterDataServices(chart, ctx);
  else renderManagedDataServices(chart, ctx);

  const environment = endpointEnvironment(dataServiceEndpoints(ctx, NAMESPACES.data));
  for (const namespace of CLIENT_NAMESPACES) {
    new ApiObject(chart, `endpoints-${namespace}`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: DATA_ENDPOINTS_CONFIG_MAP, namespace, labels: labels('data-service-endpoints') },
      data: environment,
    });
  }
}
