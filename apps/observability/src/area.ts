// What the observability area declares about itself (render-kit's AreaDeclaration); types only, so Nx reads it cheaply.
import type { AreaDeclaration, UpstreamChart } from '@go-coffee/render-kit';

/** The upstream charts of the monitoring stack this area installs, each pinned exactly. */
export const observabilityCharts = {
  kubePrometheusStack: {
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '72.6.2',
    customResourceGroups: ['monitoring.coreos.com'],
  },
  loki: {
    repoURL: 'https://grafana.github.io/helm-charts',
    chart: 'loki',
    version: '6.37.0',
    customResourceGroups: [],
  },
  tempo: {
    repoURL: 'https://grafana.github.io/helm-charts',
    chart: 'tempo',
    version: '1.18.2',
    customResourceGroups: [],
  },
} as const satisfies Record<string, UpstreamChart>;

export const observabilityDeclaration: AreaDeclaration = {
  name: 'observability',
  namespace: 'monitoring',
  // With data-services, after the platform and before the workloads: the monitoring CRDs workloads' monitors need.
  syncWave: -2,
  project: {
    description: 'Metrics, logs, traces, alerts and dashboards.',
    namespaces: ['monitoring', 'kube-system', 'argocd'],
    clusterScoped: true,
  },
  charts: observabilityCharts,
};
