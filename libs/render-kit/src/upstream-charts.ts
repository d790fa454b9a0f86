// Every upstream Helm chart the platform installs, pinned to an exact version, with the AppProject allowed to
// deploy it. One catalog: the areas render their Applications from it and the AppProjects derive their trusted
// chart repositories from it, so a repository is trusted exactly when a chart of that project comes from it.
// Bump a version here and re-render; values and custom resources are written for these versions.
// A cluster with a `chartMirror` (environments model) pulls every chart from that one Helm repository instead,
// under the same chart name and pinned version: chartSource and chartRepositoriesOf apply it, so no caller
// names a repository itself.
import type { ClusterContext } from '@go-coffee/environments';

export interface UpstreamChart {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  /** AppProject (named like its area) whose Applications install this chart; it trusts the chart's repository. */
  readonly project: string;
  /**
   * API groups of the CustomResourceDefinitions the chart installs (of the kinds this repository renders);
   * orders first syncs (a custom resource waits for the chart of its group) and shapes the e2e's stand-ins.
   */
  readonly customResourceGroups: readonly string[];
}

export const UPSTREAM_CHARTS = {
  argoCd: {
    repoURL: 'https://argoproj.github.io/argo-helm',
    chart: 'argo-cd',
    version: '8.0.0',
    project: 'platform',
    customResourceGroups: ['argoproj.io'],
  },
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
    project: 'data-services',
    customResourceGroups: ['kafka.strimzi.io'],
  },
  cloudnativePg: {
    repoURL: 'https://cloudnative-pg.github.io/charts',
    chart: 'cloudnative-pg',
    version: '0.27.1',
    project: 'data-services',
    customResourceGroups: ['postgresql.cnpg.io'],
  },
  /** OT-CONTAINER-KIT redis-operator (`redis.redis.opstreelabs.in/v1beta2`). */
  redisOperator: {
    repoURL: 'https://ot-container-kit.github.io/helm-charts',
    chart: 'redis-operator',
    version: '0.24.0',
    project: 'data-services',
    customResourceGroups: ['redis.redis.opstreelabs.in'],
  },
  kubePrometheusStack: {
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '72.6.2',
    project: 'observability',
    customResourceGroups: ['monitoring.coreos.com'],
  },
  loki: {
    repoURL: 'https://grafana.github.io/helm-charts',
    chart: 'loki',
    version: '6.37.0',
    project: 'observability',
    customResourceGroups: [],
  },
  tempo: {
    repoURL: 'https://grafana.github.io/helm-charts',
    chart: 'tempo',
    version: '1.18.2',
    project: 'observability',
    customResourceGroups: [],
  },
} as const satisfies Record<string, UpstreamChart>;

/** Where a cluster pulls one chart from: its mirror when it has one, else the chart's upstream repository. */
export function chartSource(
  chart: UpstreamChart,
  ctx: Pick<ClusterContext, 'chartMirror'>,
): { readonly repoURL: string; readonly chart: string; readonly targetRevision: string } {
  return { repoURL: ctx.chartMirror ?? chart.repoURL, chart: chart.chart, targetRevision: chart.version };
}

/**
 * Chart repositories an AppProject trusts: those of its charts, in catalog order, each once; only the mirror
 * when the cluster has one (and the project has charts).
 */
export function chartRepositoriesOf(project: string, ctx: Pick<ClusterContext, 'chartMirror'> = {}): string[] {
  const repos = Object.values(UPSTREAM_CHARTS as Record<string, UpstreamChart>)
    .filter((chart) => chart.project === project)
    .map((chart) => chartSource(chart, ctx).repoURL);
  return [...new Set(repos)];
}

/** The catalog chart that installs the CRDs of an API group, if any. */
export function chartInstallingGroup(group: string): UpstreamChart | undefined {
  return Object.values(UPSTREAM_CHARTS as Record<string, UpstreamChart>).find((chart) =>
    chart.customResourceGroups.includes(group),
  );
}
