import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AreaLayout, AreaLayoutError } from './application-layout';
import { loadAreaLayout } from './area-modules';
import type { AreaDeclaration } from './render-area';
import { chartSource } from './upstream-charts';

const GRAFANA = 'https://grafana.github.io/helm-charts';
const platform: AreaDeclaration = {
  name: 'platform',
  namespace: 'argocd',
  syncWave: -3,
  charts: {
    argoCd: { repoURL: 'https://argo', chart: 'argo-cd', version: '8.0.0', customResourceGroups: ['argoproj.io'] },
  },
};
const operators: AreaDeclaration = {
  name: 'operators',
  namespace: 'ops',
  syncWave: -2,
  charts: {
    keda: { repoURL: 'https://keda', chart: 'keda', version: '2.0.0', project: 'platform', customResourceGroups: [] },
    loki: { repoURL: GRAFANA, chart: 'loki', version: '6.0.0', customResourceGroups: [] },
    tempo: { repoURL: GRAFANA, chart: 'tempo', version: '1.0.0', customResourceGroups: ['tempo.example'] },
  },
};
const workload: AreaDeclaration = { name: 'core', namespace: 'go-coffee', syncWave: 0 };

describe('chart catalog derived from the areas', () => {
  const layout = new AreaLayout([workload, platform, operators]);

  it('gives each chart its declared project, else the declaring area', () => {
    expect(layout.charts.map((chart) => [chart.chart, chart.area, chart.project])).toStrictEqual([
      ['keda', 'operators', 'platform'],
      ['loki', 'operators', 'operators'],
      ['tempo', 'operators', 'operators'],
      ['argo-cd', 'platform', 'platform'],
    ]);
  });

  it("trusts per project its charts' repositories once each, the project's own area's first", () => {
    expect(layout.chartRepositoriesOf('platform')).toStrictEqual(['https://argo', 'https://keda']);
    expect(layout.chartRepositoriesOf('operators')).toStrictEqual([GRAFANA]);
    expect(layout.chartRepositoriesOf('core')).toStrictEqual([]);
    expect(layout.chartRepositoriesOf('operators', { chartMirror: 'http://mirror' })).toStrictEqual(['http://mirror']);
  });

  it('finds the chart installing the CRDs of a group', () => {
    expect(layout.chartInstallingGroup('tempo.example')?.chart).toBe('tempo');
    expect(layout.chartInstallingGroup('nobody.example')).toBeUndefined();
  });

  it('pulls a chart from the mirror under its own name and pinned version', () => {
    expect(chartSource(layout.charts[0]!, { chartMirror: 'http://mirror' })).toStrictEqual({
      repoURL: 'http://mirror',
      chart: 'keda',
      targetRevision: '2.0.0',
    });
  });

  it('refuses a chart of an undeclared project, an unpinned version, a chart or a CRD group declared twice', () => {
    const withCharts = (charts: AreaDeclaration['charts']) => [workload, { ...platform, charts }];
    const chart = { repoURL: 'https://x', chart: 'x', version: '1.0.0', customResourceGroups: [] };
    expect(() => new AreaLayout(withCharts({ x: { ...chart, project: 'nowhere' } }))).toThrow(
      /area "platform" \(apps\/platform\/src\/area\.ts\): chart x: project "nowhere" is no declared area/,
    );
    expect(() => new AreaLayout(withCharts({ x: { ...chart, version: '^1.0' } }))).toThrow(
      /chart x: version "\^1\.0" is not an exact version/,
    );
    expect(() => new AreaLayout([operators, { ...platform, charts: { again: operators.charts!.loki! } }])).toThrow(
      /chart again: .* loki is already declared by area "operators" \(loki\)/,
    );
    expect(
      () =>
        new AreaLayout(
          withCharts({
            x: { ...chart, customResourceGroups: ['a.io'] },
            y: { ...chart, chart: 'y', customResourceGroups: ['a.io'] },
          }),
        ),
    ).toThrow(AreaLayoutError);
  });

  it("pins every chart the workspace's areas declare", async () => {
    const workspace = await loadAreaLayout(resolve(import.meta.dirname, '..', '..', '..'));
    expect(workspace.charts.map((chart) => chart.chart)).toContain('argo-cd');
    expect(workspace.chartRepositoriesOf('core-services')).toStrictEqual([]);
  });
});
