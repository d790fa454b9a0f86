// Upstream Helm charts of the monitoring stack, pinned to exact versions. Bump a version here and re-render;
// the chart's values are written for these versions (field names change between majors).

export interface UpstreamChart {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
}

export const KUBE_PROMETHEUS_STACK: UpstreamChart = {
  repoURL: 'https://prometheus-community.github.io/helm-charts',
  chart: 'kube-prometheus-stack',
  version: '72.6.2',
};

export const LOKI: UpstreamChart = {
  repoURL: 'https://grafana.github.io/helm-charts',
  chart: 'loki',
  version: '6.37.0',
};

export const TEMPO: UpstreamChart = {
  repoURL: 'https://grafana.github.io/helm-charts',
  chart: 'tempo',
  version: '1.18.2',
};
