import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import type { DashboardDefinition } from './dashboard-model';
import { buildDashboardJson } from './dashboard-model';
import { GrafanaDashboard } from './grafana-dashboard';

const definition: DashboardDefinition = {
  uid: 'go-coffee-test',
  title: 'Test',
  rows: [
    {
      title: 'Traffic',
      panels: [
        { title: 'Requests', kind: 'timeseries', queries: [{ expr: 'sum(rate(http_requests_total[5m]))' }], width: 16 },
        {
          title: 'Errors',
          kind: 'stat',
          queries: [{ expr: 'sum(rate(http_requests_total{code=~"5.."}[5m]))' }],
          width: 16,
        },
      ],
    },
  ],
};

describe('GrafanaDashboard', () => {
  it('renders a ConfigMap the Grafana sidecar picks up, with the dashboard JSON under <uid>.json', () => {
    const chart = new Chart(Testing.app(), 'test');
    new GrafanaDashboard(chart, 'd', { name: 'dashboard-test', namespace: 'monitoring', dashboard: definition });
    const [configMap] = Testing.synth(chart) as [{ metadata: Record<string, unknown>; data: Record<string, string> }];
    expect(configMap.metadata).toStrictEqual({
      name: 'dashboard-test',
      namespace: 'monitoring',
      labels: { grafana_dashboard: '1' },
      annotations: { grafana_folder: 'Go Coffee' },
    });
    expect(JSON.parse(configMap.data['go-coffee-test.json']!)).toMatchObject({ uid: 'go-coffee-test', title: 'Test' });
  });

  it('wraps a panel that does not fit beside the previous one onto the next grid line', () => {
    const panels = buildDashboardJson(definition).panels as { gridPos: unknown; id: number }[];
    expect(panels.map((p) => [p.id, p.gridPos])).toStrictEqual([
      [1, { h: 1, w: 24, x: 0, y: 0 }],
      [2, { h: 8, w: 16, x: 0, y: 1 }],
      [3, { h: 8, w: 16, x: 0, y: 9 }],
    ]);
  });

  it('produces byte-identical JSON on every build', () => {
    const build = () => {
      const chart = new Chart(Testing.app(), 'test');
      return new GrafanaDashboard(chart, 'd', { name: 'x', namespace: 'monitoring', dashboard: definition }).json;
    };
    expect(build()).toBe(build());
    expect(build().endsWith('}\n')).toBe(true);
  });

  it('rejects a panel query that is not PromQL and names the panel', () => {
    const broken: DashboardDefinition = {
      ...definition,
      rows: [{ title: 'r', panels: [{ title: 'Broken', kind: 'stat', queries: [{ expr: 'rate(x[5m]' }] }] }],
    };
    expect(() => buildDashboardJson(broken)).toThrow(/panel "Broken", query 1: PromQL does not parse/);
  });

  it('rejects a uid Grafana would not accept', () => {
    expect(() => buildDashboardJson({ ...definition, uid: 'has spaces' })).toThrow(/uid must be 1–40 letters/);
  });

  it('rejects a panel wider than the grid', () => {
    const wide: DashboardDefinition = {
      ...definition,
      rows: [{ title: 'r', panels: [{ title: 'Wide', kind: 'stat', width: 25, queries: [{ expr: 'up' }] }] }],
    };
    expect(() => buildDashboardJson(wide)).toThrow(/panel "Wide": width 25 must be an integer from 1 to 24/);
  });
});
