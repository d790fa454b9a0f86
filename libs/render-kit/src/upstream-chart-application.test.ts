import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { UpstreamChartApplication, type UpstreamChartApplicationProps } from './upstream-chart-application';
import type { UpstreamChart } from './upstream-charts';

const loki: UpstreamChart = {
  repoURL: 'https://grafana.github.io/helm-charts',
  chart: 'loki',
  version: '6.0.0',
  project: 'observability',
  customResourceGroups: [],
};

type Rendered = {
  metadata: { name: string; labels?: Record<string, string>; finalizers?: string[] };
  spec: { project: string; source: Record<string, unknown>; syncPolicy: Record<string, unknown> };
};

function render(overrides: Partial<UpstreamChartApplicationProps> = {}): Rendered {
  const chart = Testing.chart();
  new UpstreamChartApplication(chart, 'loki', {
    chart: loki,
    ctx: {},
    name: 'loki',
    area: 'observability',
    destinationNamespace: 'monitoring',
    values: { replicas: 1 },
    ...overrides,
  });
  const [application] = Testing.synth(chart) as Rendered[];
  return application!;
}

describe('UpstreamChartApplication', () => {
  it('installs the pinned chart as a release named after the Application, in the project that trusts its repository', () => {
    const app = render({ labels: { 'app.kubernetes.io/name': 'loki' } });
    expect(app.spec.project).toBe('observability');
    expect(app.spec.source).toStrictEqual({
      repoURL: 'https://grafana.github.io/helm-charts',
      chart: 'loki',
      targetRevision: '6.0.0',
      helm: { releaseName: 'loki', valuesObject: { replicas: 1 } },
    });
    expect(app.metadata.labels).toStrictEqual({ 'app.kubernetes.io/name': 'loki' });
    expect(app.spec.syncPolicy.automated).toStrictEqual({ prune: true, selfHeal: true });
  });

  it("pulls the chart from the cluster's mirror and keeps a release name that differs from the Application", () => {
    const app = render({ ctx: { chartMirror: 'oci://mirror.example/charts' }, releaseName: 'logs' });
    expect(app.spec.source).toMatchObject({ repoURL: 'oci://mirror.example/charts', helm: { releaseName: 'logs' } });
  });

  it('syncs by hand when the environment holds its area or the Application itself by hand', () => {
    const held = (manualApplications: string[]) =>
      render({ ctx: { sync: { manualApplications } } }).spec.syncPolicy.automated;
    expect(held(['observability'])).toBeUndefined();
    expect(held(['loki'])).toBeUndefined();
    expect(held(['platform'])).toStrictEqual({ prune: true, selfHeal: true });
  });

  it('keeps the chart installed when the Application is deleted, if asked', () => {
    expect(render({ cascadeDelete: false }).metadata.finalizers).toBeUndefined();
    expect(render().metadata.finalizers).toStrictEqual(['resources-finalizer.argocd.argoproj.io/foreground']);
  });
});
