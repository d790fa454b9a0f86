// The fleet bootstrap (`argocd.fleetBootstrap: applicationSet`): one ApplicationSet in the hub's Argo CD (the
// environment's first cluster; its platform Application deploys it) whose cluster generator creates the root Application of every other cluster of
// the environment, instead of a person applying each root by hand. Its template is the hand-applied root
// (rootApplicationProps) with the cluster's name in the path and the registered cluster as destination, so
// a root made by the ApplicationSet and a hand-applied one deploy the same folder the same way. The spoke's own
// Argo CD then reconciles the child Applications that root writes into its argocd namespace.
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { spokeRootApplication } from '@go-coffee/environments';
import type { ClusterContext } from '@go-coffee/environments';
import { ArgoApplication, NAMESPACES } from '@go-coffee/render-kit';
import { rootApplicationProps } from './root-application';

/** Label of a cluster Secret naming the environment the registered cluster belongs to. */
export const FLEET_ENVIRONMENT_LABEL = 'go-coffee.io/environment';
/** Label of a cluster Secret carrying the cluster's name (its folder under gitops/; the Secret's `name` too). */
export const FLEET_CLUSTER_LABEL = 'go-coffee.io/cluster';

/** The generator's cluster name, as an ApplicationSet Go template. */
const CLUSTER = '{{ .name }}';

export interface FleetRootApplicationSetProps {
  /** The hub's context; its `argocd.spokes` are the clusters the ApplicationSet creates roots for. */
  readonly ctx: ClusterContext;
}

/** True on the hub of an ApplicationSet fleet bootstrap: the cluster whose platform area holds the ApplicationSet. */
export function isFleetHub(ctx: ClusterContext): boolean {
  return ctx.argocd?.fleetBootstrap === 'applicationSet' && ctx.argocd.hub === ctx.name;
}

/** The root Application spec of the cluster `clusterPath` names, exactly as the hand-applied root renders it. */
export function handAppliedRootSpec(ctx: Pick<ClusterContext, 'gitops'>, clusterPath: string): Record<string, unknown> {
  const scratch = new Chart(new App(), 'root-template');
  const root = new ArgoApplication(scratch, 'root', rootApplicationProps(ctx, clusterPath));
  return (root.apiObject.toJson() as { spec: Record<string, unknown> }).spec;
}

export class FleetRootApplicationSet extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: FleetRootApplicationSetProps) {
    super(scope, id);
    const { ctx } = props;
    const fleet = ctx.argocd;
    if (!fleet || !isFleetHub(ctx)) {
      throw new Error(
        `FleetRootApplicationSet: cluster ${ctx.name} is not the hub of an ApplicationSet fleet bootstrap; set argocd.fleetBootstrap: applicationSet in environments/${ctx.environment}.yaml (the hub is its first cluster).`,
      );
    }
    const spec = handAppliedRootSpec(ctx, `gitops/${CLUSTER}`);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: `${ctx.environment}-cluster-roots`, namespace: NAMESPACES.argocd },
      spec: {
        goTemplate: true,
        // A cluster Secret without the expected fields fails the generation instead of rendering "<no value>".
        goTemplateOptions: ['missingkey=error'],
        generators: [
          {
            clusters: {
              selector: {
                matchLabels: { [FLEET_ENVIRONMENT_LABEL]: ctx.environment },
                // Only clusters the environment declares (and so renders a folder for) get a root.
                matchExpressions: [{ key: FLEET_CLUSTER_LABEL, operator: 'In', values: [...fleet.spokes] }],
              },
            },
          },
        ],
        // Deleting the ApplicationSet (or unregistering a cluster) must not delete a cluster's root, which does
        // not cascade anyway: the spoke keeps running what it has.
        syncPolicy: { preserveResourcesOnDeletion: true },
        template: {
          metadata: {
            name: spokeRootApplication(CLUSTER),
            namespace: NAMESPACES.argocd,
            labels: { [FLEET_ENVIRONMENT_LABEL]: ctx.environment, [FLEET_CLUSTER_LABEL]: CLUSTER },
          },
          spec: { ...spec, destination: { name: CLUSTER, namespace: NAMESPACES.argocd } },
        },
      },
    });
  }
}

/**
 * AppProject destinations the hub's root project needs for the spokes' roots (each deploys into its spoke's
 * argocd namespace, by the registered cluster's name); none for any other project or cluster.
 */
export function fleetSpokeDestinations(
  project: string,
  ctx: ClusterContext,
): { readonly name: string; readonly namespace: string }[] {
  const fleet = ctx.argocd;
  if (!fleet || !isFleetHub(ctx)) return [];
  if (project !== rootApplicationProps(ctx).project) return [];
  return fleet.spokes.map((name) => ({ name, namespace: NAMESPACES.argocd }));
}
