// Every upstream Helm chart the platform installs, pinned to an exact version, with the AppProject allowed to
// deploy it. One catalog: the areas render their Applications from it and the AppProjects derive their trusted
// chart repositories from it, so a repository is trusted exactly when a chart of that project comes from it.
// Bump a version here and re-render; values and custom resources are written for these versions.

export interface UpstreamChart {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  /** AppProject whose Applications install this chart. */
  readonly project: 'platform' | 'data-services' | 'observability';
}

export const UPSTREAM_CHARTS = {
  argoCd: {
    repoURL: 'https://argoproj.github.io/argo-helm',
    chart: 'argo-cd',
    version: '8.0.0',
    project: 'platform',
  },
  externalSecrets: {
    repoURL: 'https://charts.external-secrets.io',
    chart: 'external-secrets',
    version: '2.2.0',
    project: 'platform',
  },
  keda: {
    repoURL: 'https://kedacore.github.io/charts',
    chart: 'keda',
    version: '2.20.1',
    project: 'platform',
  },
  /** cert-manager 1.20; the ClusterIssuer is written for its `cert-manager.io/v1` CRDs. */
  certManager: {
    repoURL: 'https://charts.jetstack.io',
    chart: 'cert-manager',
    version: 'v1.20.0',
    project: 'platform',
  },
  /** Strimzi 0.45 runs Kafka 3.9 in KRaft mode with node pools. */
  strimzi: {
    repoURL: 'https://strimzi.io/charts/',
    chart: 'strimzi-kafka-operator',
    version: '0.45.0',
    project: 'data-services',
  },
  cloudnativePg: {
    repoURL: 'https://cloudnative-pg.github.io/charts',
    chart: 'cloudnative-pg',
    version: '0.27.1',
    project: 'data-services',
  },
  /** OT-CONTAINER-KIT redis-operator (`redis.redis.opstreelabs.in/v1beta2`). */
  redisOperator: {
    repoURL: 'https://ot-container-kit.github.io/helm-charts',
    chart: 'redis-operator',
    version: '0.24.0',
    project: 'data-services',
  },
  kubePrometheusStack: {
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '72.6.2',
    project: 'observability',
  },
  loki: {
    repoURL: 'https://grafana.github.io/helm-charts',
    chart: 'loki',
    version: '6.37.0',
    project: 'observability',
  },
  tempo: {
    repoURL: 'https://grafana.github.io/helm-charts',
    chart: 'tempo',
    version: '1.18.2',
    project: 'observability',
  },
} as const satisfies Record<string, UpstreamChart>;

/** Chart repositories an AppProject trusts: those of its charts, in catalog order, each once. */
export function chartRepositoriesOf(project: string): string[] {
  const repos = Object.values(UPSTREAM_CHARTS as Record<string, UpstreamChart>)
    .filter((chart) => chart.project === project)
    .map((chart) => chart.repoURL);
  return [...new Set(repos)];
}
