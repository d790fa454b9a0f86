// An upstream Helm chart the platform installs, pinned to an exact version. Each area declares the charts it
// installs (AreaDeclaration `charts`, in apps/<area>/src/area.ts); the engine derives the catalog from the areas
// it loads (AreaLayout: `charts`, `chartRepositoriesOf`, `chartInstallingGroup`), so the AppProjects trust a
// repository exactly when a chart of that project comes from it. Bump a version in the area and re-render; values
// and custom resources are written for these versions.
// A cluster with a `chartMirror` (environments model) pulls every chart from that one Helm repository instead,
// under the same chart name and pinned version: chartSource applies it, so no caller names a repository itself.
import type { ClusterContext } from '@go-coffee/environments';

export interface UpstreamChart {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  /**
   * AppProject (named like its area) whose Applications install this chart; it trusts the chart's repository.
   * @default the area declaring the chart
   */
  readonly project?: string;
  /**
   * API groups of the CustomResourceDefinitions the chart installs (of the kinds this repository renders);
   * orders first syncs (a custom resource waits for the chart of its group) and shapes the e2e's stand-ins.
   */
  readonly customResourceGroups: readonly string[];
}

/** Where a cluster pulls one chart from: its mirror when it has one, else the chart's upstream repository. */
export function chartSource(
  chart: UpstreamChart,
  ctx: Pick<ClusterContext, 'chartMirror'>,
): { readonly repoURL: string; readonly chart: string; readonly targetRevision: string } {
  return { repoURL: ctx.chartMirror ?? chart.repoURL, chart: chart.chart, targetRevision: chart.version };
}
