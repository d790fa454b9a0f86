// TEST STAND-INS, not the real charts. For the Argo CD end-to-end test only: one chart per entry of the chart
// catalog, with the same name and version, that installs only the CustomResourceDefinitions the real chart
// installs (of the kinds this repository renders), taken from the project's own CRD definitions; Argo CD's
// own chart stand-in carries Argo CD's real CRDs (the ones the bootstrap applied), so syncing it changes
// nothing. No operator, no workload: the test cluster has no kubelet, and what it checks is how Argo CD
// orders and syncs the committed tree, not what the operators do. Generated at test time, never committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { customResourceDefinitions } from '@go-coffee/render-kit';
import type { UpstreamChart } from '@go-coffee/render-kit';

export const STAND_IN_NOTICE =
  'TEST STAND-IN used only by the go-coffee Argo CD e2e test: installs only the CRDs of the real chart, nothing else.';

/** Writes one stand-in chart folder per catalog chart under `dir`; returns the folders. */
export function writeStandInCharts(dir: string, argoCdCrds: string, charts: readonly UpstreamChart[]): string[] {
  const crdsByGroup = new Map<string, string[]>();
  for (const crd of customResourceDefinitions()) {
    const group = String((crd.spec as { group: string }).group);
    crdsByGroup.set(group, [...(crdsByGroup.get(group) ?? []), stringify(crd)]);
  }
  return charts.map((chart) => {
    const chartDir = join(dir, chart.chart);
    mkdirSync(join(chartDir, 'templates'), { recursive: true });
    writeFileSync(
      join(chartDir, 'Chart.yaml'),
      stringify({
        apiVersion: 'v2',
        name: chart.chart,
        version: chart.version,
        description: `${STAND_IN_NOTICE} Real chart: ${chart.repoURL} ${chart.chart} ${chart.version}.`,
        annotations: { 'go-coffee.io/test-stand-in': 'true' },
      }),
    );
    const crds = chart.customResourceGroups.flatMap((group) =>
      group === 'argoproj.io' ? [argoCdCrds] : (crdsByGroup.get(group) ?? []),
    );
    writeFileSync(join(chartDir, 'templates', 'crds.yaml'), `# ${STAND_IN_NOTICE}\n${crds.join('---\n')}`);
    return chartDir;
  });
}
