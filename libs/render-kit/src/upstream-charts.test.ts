import { describe, expect, it } from 'vitest';
import { chartRepositoriesOf, UPSTREAM_CHARTS } from './upstream-charts';

describe('upstream chart catalog', () => {
  it('trusts, per AppProject, exactly the repositories its charts come from, each once, in catalog order', () => {
    expect(chartRepositoriesOf('observability')).toStrictEqual([
      'https://prometheus-community.github.io/helm-charts',
      'https://grafana.github.io/helm-charts',
    ]);
    expect(chartRepositoriesOf('core-services')).toStrictEqual([]);
  });

  it('pins every chart to an exact version', () => {
    const unpinned = Object.entries(UPSTREAM_CHARTS)
      .filter(([, chart]) => !/^v?\d+\.\d+\.\d+$/.test(chart.version))
      .map(([name]) => name);
    expect(unpinned).toStrictEqual([]);
  });
});
