// The app-of-apps tree of one cluster: a root Application that owns the Application files of the platform
// folder, one child Application per area (plus carve-outs such as web3-payment), and the Application that
// keeps Argo CD itself in sync from its upstream chart. Which Application owns which file comes from the
// render-kit layout table, the same table the engine uses to stamp tracking ids.
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import {
  APPLICATION_CARVE_OUTS,
  AREA_NAMES,
  AREA_NAMESPACES,
  ArgoApplication,
  NAMESPACES,
  ROOT_APPLICATION,
  ROOT_FILE_GLOB,
  projectForApplication,
} from '@go-coffee/render-kit';
import { CHART_REPOSITORIES } from './app-projects';

/** Argo CD's own Helm chart, pinned. */
export const ARGO_CD_CHART = { repoURL: CHART_REPOSITORIES.argo, chart: 'argo-cd', version: '8.0.0' } as const;

// Server-side apply keeps large CRs (dashboards, rules) under the client-side annotation limit;
// RespectIgnoreDifferences keeps a sync from resetting fields the HPA owns. The render engine writes each child's
// ignoreDifferences (libs/ignore-rules/ignore-rules.yaml expanded against the objects it deploys).
const CHILD_SYNC_OPTIONS = ['RespectIgnoreDifferences=true', 'ServerSideApply=true'];

export interface AppOfAppsProps {
  readonly ctx: ClusterContext;
}

export class AppOfApps extends Construct {
  constructor(scope: Construct, id: string, props: AppOfAppsProps) {
    super(scope, id);
    const { ctx } = props;
    const manual = new Set(ctx.sync?.manualApplications ?? []);
    const repo = { repoURL: ctx.gitops.repoURL, targetRevision: ctx.gitops.targetRevision };

    new ArgoApplication(this, ROOT_APPLICATION, {
      name: ROOT_APPLICATION,
      project: projectForApplication(ROOT_APPLICATION),
      source: {
        ...repo,
        path: ctx.gitops.path,
        directory: { recurse: true, include: `platform/${ROOT_FILE_GLOB}` },
      },
      destinationNamespace: NAMESPACES.argocd,
      // The root only adds, removes and updates Applications; each child carries its own sync policy.
      automated: true,
      // Deleting the root must not take every area down with it.
      cascadeDelete: false,
    });

    for (const area of AREA_NAMES) {
      const carveOuts = APPLICATION_CARVE_OUTS.filter((rule) => rule.area === area);
      const excludes = [...(area === 'platform' ? [ROOT_FILE_GLOB] : []), ...carveOuts.map((rule) => rule.fileGlob)];
      new ArgoApplication(this, area, {
        name: area,
        project: projectForApplication(area),
        source: {
          ...repo,
          path: `${ctx.gitops.path}/${area}`,
          ...(excludes.length > 0 ? { directory: { exclude: braceGlob(excludes) } } : {}),
        },
        destinationNamespace: AREA_NAMESPACES[area],
        automated: !manual.has(area),
        syncOptions: CHILD_SYNC_OPTIONS,
      });
      for (const rule of carveOuts) {
        new ArgoApplication(this, rule.application, {
          name: rule.application,
          project: rule.project,
          source: { ...repo, path: `${ctx.gitops.path}/${area}`, directory: { include: rule.fileGlob } },
          destinationNamespace: AREA_NAMESPACES[area],
          automated: !manual.has(rule.application),
          syncOptions: CHILD_SYNC_OPTIONS,
        });
      }
    }

    new ArgoApplication(this, 'argo-cd', {
      name: 'argo-cd',
      project: projectForApplication('platform'),
      source: {
        repoURL: ARGO_CD_CHART.repoURL,
        chart: ARGO_CD_CHART.chart,
        targetRevision: ARGO_CD_CHART.version,
        helm: {
          releaseName: 'argocd',
          valuesObject: {
            crds: { install: true, keep: true },
            global: { domain: `argocd.${ctx.ingress.baseDomain}` },
            configs: {
              cm: { 'application.resourceTrackingMethod': 'annotation' },
              params: { 'server.insecure': false },
            },
            server: { ingress: { enabled: true, ingressClassName: ctx.ingress.className, tls: true } },
          },
        },
      },
      destinationNamespace: NAMESPACES.argocd,
      automated: !manual.has('platform'),
      syncOptions: ['ServerSideApply=true'],
      // Deleting this Application must never uninstall the Argo CD that is running the delete.
      cascadeDelete: false,
    });
  }
}

/** Argo CD globs accept `{a,b}` alternatives; one pattern stays one pattern. */
function braceGlob(patterns: readonly string[]): string {
  return patterns.length === 1 ? patterns[0]! : `{${patterns.join(',')}}`;
}
