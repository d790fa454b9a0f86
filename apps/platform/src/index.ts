// The platform render area: namespaces, quotas, Argo CD (managed by itself), AppProjects, the app of apps
// and the drift tool's read-only role, for one cluster.
import type { Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import type { RenderArea } from '@go-coffee/render-kit';
import { AppOfApps } from './app-of-apps';
import { AppProjects } from './app-projects';
import { DriftReaderRbac } from './drift-reader-rbac';
import { PlatformNamespaces } from './platform-namespaces';

export const platformArea: RenderArea = {
  name: 'platform',
  render(chart: Chart, ctx: ClusterContext): void {
    new PlatformNamespaces(chart, 'namespaces', { ctx });
    new AppProjects(chart, 'projects', { ctx });
    new AppOfApps(chart, 'applications', { ctx });
    new DriftReaderRbac(chart, 'drift-reader');
  },
};
