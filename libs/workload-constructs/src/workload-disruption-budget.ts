// PodDisruptionBudget for a replicated workload: node drains and cluster upgrades take at most
// `maxUnavailable` pods at a time. Refuses single-replica workloads, where a PDB would block every drain.
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { assertIntegerInRange } from './kubernetes-names';
import { selectorLabels, workloadLabels } from './workload-labels';
import type { WorkloadIdentityLabels } from './workload-labels';

export interface WorkloadDisruptionBudgetProps {
  /** The workload whose pods are protected; its selector labels select them. */
  readonly workload: WorkloadIdentityLabels;
  /**
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /** The fewest replicas the workload runs with (HPA minReplicas or fixed replicas); must be > 1. */
  readonly minReplicas: number;
  /**
   * Pods that may be voluntarily evicted at once; must be below minReplicas.
   * @default 1
   */
  readonly maxUnavailable?: number;
}

/** Renders a `policy/v1` PodDisruptionBudget named after the workload. */
export class WorkloadDisruptionBudget extends Construct {
  public readonly apiObject: kplus.k8s.KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: WorkloadDisruptionBudgetProps) {
    super(scope, id);
    const where = `PodDisruptionBudget "${props.workload.name}"`;
    if (props.minReplicas <= 1) {
      throw new Error(
        `${where}: the workload runs ${props.minReplicas} replica(s); a PDB would block node drains, so only ` +
          `create one when minReplicas > 1`,
      );
    }
    const maxUnavailable = props.maxUnavailable ?? 1;
    assertIntegerInRange(maxUnavailable, 1, props.minReplicas - 1, `${where}: maxUnavailable`);
    this.apiObject = new kplus.k8s.KubePodDisruptionBudget(this, 'Resource', {
      metadata: {
        name: props.workload.name,
        ...(props.namespace === undefined ? {} : { namespace: props.namespace }),
        labels: workloadLabels(props.workload),
      },
      spec: {
        maxUnavailable: kplus.k8s.IntOrString.fromNumber(maxUnavailable),
        selector: { matchLabels: selectorLabels(props.workload) },
      },
    });
  }
}
