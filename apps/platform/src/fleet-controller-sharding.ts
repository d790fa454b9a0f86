// The hub's application-controller settings for a fleet, as Argo CD Helm chart values. Argo CD shards by
// cluster: each replica reconciles the Applications of the clusters assigned to it, so replicas only help the
// hub of an ApplicationSet fleet, which reconciles every spoke's root; a spoke's own Argo CD manages one
// cluster and keeps the chart's single replica.
import type { ClusterContext } from '@go-coffee/environments';

export interface FleetControllerValues {
  /**
   * Chart `controller`: replicas (the chart also sets ARGOCD_CONTROLLER_REPLICAS from it) and dynamic cluster
   * distribution.
   */
  readonly controller?: { readonly replicas: number; readonly dynamicClusterDistribution: boolean };
  /** Chart `configs.params` entries (argocd-cmd-params-cm): the sharding algorithm. */
  readonly params: Readonly<Record<string, string>>;
}

/** Values for the hub of an ApplicationSet fleet; nothing for any other cluster (the chart defaults hold). */
export function fleetControllerValues(ctx: ClusterContext): FleetControllerValues {
  const fleet = ctx.argocd;
  if (!fleet || fleet.fleetBootstrap !== 'applicationSet' || fleet.hub !== ctx.name) return { params: {} };
  return {
    controller: {
      replicas: fleet.controller.replicas,
      dynamicClusterDistribution: fleet.controller.dynamicClusterDistribution,
    },
    params: { 'controller.sharding.algorithm': fleet.controller.shardingAlgorithm },
  };
}
