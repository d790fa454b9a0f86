// The app-of-apps tree's own Applications: the root Application, which owns the cluster's applications folder
// (every area's render writes its child Application there; the engine builds those from the render-kit layout
// table), and the Application that keeps Argo CD itself in sync from its upstream chart. Both are written to
// the applications folder too (platform's renderApplications), so the root also keeps itself and Argo CD's
// Application in sync.
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import { argocdServerValues } from './argocd-server-ingress';
import {
  APPLICATION_HEALTH_CHECK_KEY,
  APPLICATION_HEALTH_CHECK_LUA,
  ArgoApplication,
  NAMESPACES,
  ROOT_APPLICATION,
  UpstreamChartApplication,
} from '@go-coffee/render-kit';
import { platformCharts } from './area';
import { fleetControllerValues } from './fleet-controller-sharding';
import { rootApplicationProps } from './root-application';

/** Argo CD's own Helm chart, pinned. */
export const ARGO_CD_CHART = platformCharts.argoCd;

export interface AppOfAppsProps {
  readonly ctx: ClusterContext;
}

export class AppOfApps extends Construct {
  constructor(scope: Construct, id: string, props: AppOfAppsProps) {
    super(scope, id);
    const { ctx } = props;

    // A spoke of an ApplicationSet fleet gets its root from the hub (FleetRootApplicationSet), not from its folder.
    if ((ctx.argocd?.rootApplication ?? ROOT_APPLICATION) === ROOT_APPLICATION) {
      new ArgoApplication(this, ROOT_APPLICATION, rootApplicationProps(ctx));
    }
    const fleetValues = fleetControllerValues(ctx);

    new UpstreamChartApplication(this, 'argo-cd', {
      chart: ARGO_CD_CHART,
      ctx,
      name: 'argo-cd',
      releaseName: 'argocd',
      area: 'platform',
      values: {
        crds: { install: true, keep: true },
        global: { domain: `argocd.${ctx.ingress.baseDomain}` },
        configs: {
          cm: {
            'application.resourceTrackingMethod': 'annotation',
            // Child Applications' sync waves wait only when Argo CD can tell an Application's health.
            [APPLICATION_HEALTH_CHECK_KEY]: APPLICATION_HEALTH_CHECK_LUA,
          },
          params: { 'server.insecure': false, ...fleetValues.params },
        },
        server: argocdServerValues(ctx),
        ...(fleetValues.controller ? { controller: fleetValues.controller } : {}),
      },
      destinationNamespace: NAMESPACES.argocd,
      syncOptions: ['ServerSideApply=true'],
      // Deleting this Application must never uninstall the Argo CD that is running the delete.
      cascadeDelete: false,
    });
  }
}
