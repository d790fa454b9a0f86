// Upstream Helm charts of the data operators and the cluster infrastructure operators, pinned to exact
// versions. The custom resources in this app are written for the CRD versions these charts install.

export interface UpstreamChart {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
}

/** Strimzi 0.45 runs Kafka 3.9 in KRaft mode with node pools. */
export const STRIMZI: UpstreamChart = {
  repoURL: 'https://strimzi.io/charts/',
  chart: 'strimzi-kafka-operator',
  version: '0.45.0',
};

export const CLOUDNATIVE_PG: UpstreamChart = {
  repoURL: 'https://cloudnative-pg.github.io/charts',
  chart: 'cloudnative-pg',
  version: '0.27.1',
};

/** OT-CONTAINER-KIT redis-operator (`redis.redis.opstreelabs.in/v1beta2`). */
export const REDIS_OPERATOR: UpstreamChart = {
  repoURL: 'https://ot-container-kit.github.io/helm-charts',
  chart: 'redis-operator',
  version: '0.24.0',
};

export const EXTERNAL_SECRETS: UpstreamChart = {
  repoURL: 'https://charts.external-secrets.io',
  chart: 'external-secrets',
  version: '2.2.0',
};

export const KEDA: UpstreamChart = {
  repoURL: 'https://kedacore.github.io/charts',
  chart: 'keda',
  version: '2.20.1',
};

/** cert-manager 1.20; the ClusterIssuer in acme-cluster-issuer.ts is written for its `cert-manager.io/v1` CRDs. */
export const CERT_MANAGER: UpstreamChart = {
  repoURL: 'https://charts.jetstack.io',
  chart: 'cert-manager',
  version: 'v1.20.0',
};
