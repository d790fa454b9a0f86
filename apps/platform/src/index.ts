// The platform render area: namespaces, quotas, AppProjects and the drift tool's read-only role, for one
// cluster; plus the app of apps' root Application and Argo CD's own Application (managed by itself), which the
// engine writes to the cluster's applications folder next to every area's child Application. Namespaces and
// AppProjects follow every area's declaration (the layout the engine passes), so a new area needs no edit here.
import type { Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import type { AreaLayout, RenderArea } from '@go-coffee/render-kit';
import { AppOfApps } from './app-of-apps';
import { AppProjects } from './app-projects';
import { platformDeclaration } from './area';
import { DriftReaderRbac } from './drift-reader-rbac';
import { FleetRootApplicationSet, isFleetHub } from './fleet-root-application-set';
import { PlatformNamespaces } from './platform-namespaces';

export const platformArea: RenderArea = {
  ...platformDeclaration,
  render(chart: Chart, ctx: ClusterContext, layout?: AreaLayout): void {
    if (layout === undefined)
      throw new Error("the platform area renders every area's namespace and AppProject; pass the AreaLayout.");
    new PlatformNamespaces(chart, 'namespaces', { ctx, layout });
    new AppProjects(chart, 'projects', { ctx, layout });
    new DriftReaderRbac(chart, 'drift-reader');
    if (isFleetHub(ctx)) new FleetRootApplicationSet(chart, 'fleet-roots', { ctx });
  },
  renderApplications(chart: Chart, ctx: ClusterContext): void {
    new AppOfApps(chart, 'app-of-apps', { ctx });
  },
};
