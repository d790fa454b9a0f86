// The child Applications of one area in the app of apps: the area's own Application on its folder and one
// Application per carve-out of that folder (web3-payment). The engine builds them from the cluster context and
// the area's declaration alone, so each area's render target writes its own child Application and no render needs
// another area's objects.
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import type { AreaLayout } from './application-layout';
import { ArgoApplication } from './argo-application';
import type { ArgoIgnoreDifference } from './argo-application';

// Server-side apply keeps large CRs (dashboards, rules) under the client-side annotation limit;
// RespectIgnoreDifferences keeps a sync from resetting fields the HPA owns.
const CHILD_SYNC_OPTIONS = ['RespectIgnoreDifferences=true', 'ServerSideApply=true'];

export interface ChildApplicationsProps {
  readonly ctx: ClusterContext;
  /** Name of a declared area of `layout`. */
  readonly area: string;
  /** The workspace's areas; the area's namespace, project and carve-outs come from its declaration. */
  readonly layout: AreaLayout;
  /**
   * `spec.ignoreDifferences` per Application name, expanded from the ignore rules against the area's objects.
   * @default none for every Application
   */
  readonly ignoreDifferences?: ReadonlyMap<string, readonly ArgoIgnoreDifference[]>;
}

export class ChildApplications extends Construct {
  constructor(scope: Construct, id: string, props: ChildApplicationsProps) {
    super(scope, id);
    const { ctx, area, layout } = props;
    const namespace = layout.area(area).namespace;
    const manual = new Set(ctx.sync?.manualApplications ?? []);
    const repo = { repoURL: ctx.gitops.repoURL, targetRevision: ctx.gitops.targetRevision };
    const path = `${ctx.gitops.path}/${area}`;
    const carveOuts = layout.carveOutsOf(area);
    const excludes = carveOuts.map((rule) => rule.fileGlob);

    new ArgoApplication(this, area, {
      name: area,
      project: layout.projectForApplication(area),
      source: { ...repo, path, ...(excludes.length > 0 ? { directory: { exclude: braceGlob(excludes) } } : {}) },
      destinationNamespace: namespace,
      automated: !manual.has(area),
      syncOptions: CHILD_SYNC_OPTIONS,
      ignoreDifferences: props.ignoreDifferences?.get(area),
    });
    for (const rule of carveOuts) {
      new ArgoApplication(this, rule.application, {
        name: rule.application,
        project: layout.projectForApplication(rule.application),
        source: { ...repo, path, directory: { include: rule.fileGlob } },
        destinationNamespace: namespace,
        automated: !manual.has(rule.application),
        syncOptions: CHILD_SYNC_OPTIONS,
        ignoreDifferences: props.ignoreDifferences?.get(rule.application),
      });
    }
  }
}

/** Argo CD globs accept `{a,b}` alternatives; one pattern stays one pattern. */
function braceGlob(patterns: readonly string[]): string {
  return patterns.length === 1 ? patterns[0]! : `{${patterns.join(',')}}`;
}
