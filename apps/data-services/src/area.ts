// What the data-services area declares about itself (render-kit's AreaDeclaration); types only, so Nx reads it cheaply.
import type { AreaDeclaration, UpstreamChart } from '@go-coffee/render-kit';

/** The upstream charts of the operators this area installs (operator-applications.ts), each pinned exactly. */
export const dataServicesCharts = {
  // External Secrets, KEDA and cert-manager serve every area, so their Applications belong to the platform project.
  externalSecrets: {
    repoURL: 'https://charts.external-secrets.io',
    chart: 'external-secrets',
    version: '2.2.0',
    project: 'platform',
    customResourceGroups: ['external-secrets.io'],
  },
  keda: {
    repoURL: 'https://kedacore.github.io/charts',
    chart: 'keda',
    version: '2.20.1',
    project: 'platform',
    customResourceGroups: ['keda.sh'],
  },
  /** cert-manager 1.20; the ClusterIssuer is written for its `cert-manager.io/v1` CRDs. */
  certManager: {
    repoURL: 'https://charts.jetstack.io',
    chart: 'cert-manager',
    version: 'v1.20.0',
    project: 'platform',
    customResourceGroups: ['cert-manager.io'],
  },
  /** Strimzi 0.45 runs Kafka 3.9 in KRaft mode with node pools. */
  strimzi: {
    repoURL: 'https://strimzi.io/charts/',
    chart: 'strimzi-kafka-operator',
    version: '0.45.0',
    customResourceGroups: ['kafka.strimzi.io'],
  },
  cloudnativePg: {
    repoURL: 'https://cloudnative-pg.github.io/charts',
    chart: 'cloudnative-pg',
    version: '0.27.1',
    customResourceGroups: ['postgresql.cnpg.io'],
  },
  /** OT-CONTAINER-KIT redis-operator (`redis.redis.opstreelabs.in/v1beta2`). */
  redisOperator: {
    repoURL: 'https://ot-container-kit.github.io/helm-charts',
    chart: 'redis-operator',
    version: '0.24.0',
    customResourceGroups: ['redis.redis.opstreelabs.in'],
  },
} as const satisfies Record<string, UpstreamChart>;

export const dataServicesDeclaration: AreaDeclaration = {
  name: 'data-services',
  namespace: 'go-coffee-data',
  // With observability, after the platform and before the workloads: the operators and their CRDs.
  syncWave: -2,
  project: {
    description: 'Kafka, Postgres and Redis: operators in dev, ExternalSecrets to managed services elsewhere.',
    // Client ExternalSecrets live beside the services that read them; the secret store's service account in argocd.
    namespaces: ['go-coffee-data', 'go-coffee', 'go-coffee-functions', 'argocd'],
    clusterScoped: true,
  },
  charts: dataServicesCharts,
};
