// The root Application of one cluster's app of apps, as props, in one place: the hand-applied root that
// AppOfApps writes into the cluster's applications folder and the template of the fleet ApplicationSet that
// creates every spoke's root in the hub are built from the same function, so their specs cannot drift apart.
import type { ClusterContext } from '@go-coffee/environments';
import type { ArgoApplicationProps } from '@go-coffee/render-kit';
import { APPLICATIONS_FOLDER, NAMESPACES, ROOT_APPLICATION } from '@go-coffee/render-kit';
import { platformDeclaration } from './area';

/** Props of the root Application that deploys `clusterPath`/applications (a path or a template of one). */
export function rootApplicationProps(
  ctx: Pick<ClusterContext, 'gitops'>,
  clusterPath: string = ctx.gitops.path,
): ArgoApplicationProps {
  return {
    name: ROOT_APPLICATION,
    // The platform area declares the root (area.ts `applications`), so the root belongs to its AppProject.
    project: platformDeclaration.name,
    source: {
      repoURL: ctx.gitops.repoURL,
      targetRevision: ctx.gitops.targetRevision,
      path: `${clusterPath}/${APPLICATIONS_FOLDER}`,
    },
    destinationNamespace: NAMESPACES.argocd,
    // The root only adds, removes and updates Applications; each child carries its own sync policy.
    automated: true,
    // Deleting the root must not take every area down with it.
    cascadeDelete: false,
  };
}
