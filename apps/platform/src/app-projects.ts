// One Argo CD AppProject per declared area, as the area declares it (apps/<area>/src/area.ts). Workload projects
// may only touch their own namespaces and no cluster-scoped kinds; platform, data and observability install
// operators and CRDs, so they declare that they may.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { fleetSpokeDestinations } from './fleet-root-application-set';
import type { ClusterContext } from '@go-coffee/environments';
import { NAMESPACES, type AreaLayout } from '@go-coffee/render-kit';

interface ProjectSpec {
  readonly name: string;
  readonly description: string;
  readonly namespaces: readonly string[];
  readonly clusterScoped: boolean;
}

/** Every declared area's AppProject, its defaults filled in. */
export function appProjects(layout: AreaLayout): ProjectSpec[] {
  return layout.areaNames.map((name) => ({ name, ...layout.projectOf(name) }));
}

export interface AppProjectsProps {
  readonly ctx: ClusterContext;
  /** The workspace's declared areas. */
  readonly layout: AreaLayout;
}

export class AppProjects extends Construct {
  constructor(scope: Construct, id: string, props: AppProjectsProps) {
    super(scope, id);
    for (const project of appProjects(props.layout)) {
      new ApiObject(this, project.name, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: project.name, namespace: NAMESPACES.argocd },
        spec: {
          description: project.description,
          // The repositories of the charts the areas install into this project, from the cluster's chart mirror
          // when it has one.
          sourceRepos: [props.ctx.gitops.repoURL, ...props.layout.chartRepositoriesOf(project.name, props.ctx)],
          destinations: [
            ...project.namespaces.map((namespace) => ({ server: 'https://kubernetes.default.svc', namespace })),
            ...fleetSpokeDestinations(project.name, props.ctx),
          ],
          clusterResourceWhitelist: project.clusterScoped ? [{ group: '*', kind: '*' }] : [],
          // Workload projects must not grant themselves more rights or quota.
          namespaceResourceBlacklist: project.clusterScoped
            ? []
            : [
                { group: '', kind: 'ResourceQuota' },
                { group: '', kind: 'LimitRange' },
                { group: 'rbac.authorization.k8s.io', kind: 'Role' },
                { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
              ],
        },
      });
    }
  }
}
