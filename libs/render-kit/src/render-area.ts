// Contract between the render engine and the cdk8s apps under apps/. Each app exports one RenderArea;
// the engine creates one cdk8s Chart per (cluster, area), calls render, adds the area's child Application,
// then sets ownership labels, the Argo CD tracking annotation and sync waves on every object in one place.
// Apps never set those.
import type { Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';

export interface RenderArea {
  /** Folder name under gitops/<cluster>/ and the Argo CD child Application suffix, e.g. `core-services`. */
  readonly name: string;
  /** Adds this area's objects for one cluster to the chart. Must be deterministic. */
  render(chart: Chart, ctx: ClusterContext): void;
  /**
   * Adds Applications of the app of apps beyond the child Applications the engine builds for every area; they are
   * written to `gitops/<cluster>/applications/` and owned by the root Application. Only the platform area has
   * any (the root Application itself, Argo CD's own); see `areaForApplication` in application-layout.ts.
   * @default none
   */
  renderApplications?(chart: Chart, ctx: ClusterContext): void;
}

/** Namespaces of the platform; the platform area renders them (with Pod Security labels). */
export const NAMESPACES = {
  core: 'go-coffee',
  functions: 'go-coffee-functions',
  data: 'go-coffee-data',
  monitoring: 'monitoring',
  argocd: 'argocd',
} as const;
