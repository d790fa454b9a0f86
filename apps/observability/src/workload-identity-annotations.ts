// Annotations that bind a Kubernetes service account to the cluster's cloud identity (AWS IRSA, GCP Workload
// Identity, Azure Workload Identity), for the charts whose pods read object storage or secret managers.
import type { ClusterContext } from '@go-coffee/environments';
import { cloudIdentityAnnotations, cloudIdentityPodLabels } from '@go-coffee/workload-constructs';

/** Service account annotations for the cluster's cloud; throws when the environment lacks the identity. */
export function workloadIdentityAnnotations(ctx: ClusterContext): Record<string, string> {
  return cloudIdentityAnnotations(
    ctx.cloud,
    ctx.identity,
    (field) =>
      new Error(
        `cluster "${ctx.name}" (${ctx.cloud}): identity.${field} is not set, but the monitoring stack needs it to ` +
          `reach object storage; add it to the cluster in environments/${ctx.environment}`,
      ),
  );
}

/** Pod labels the cloud's identity webhook needs (only Azure asks pods to opt in). */
export function workloadIdentityPodLabels(ctx: ClusterContext): Record<string, string> {
  return cloudIdentityPodLabels(ctx.cloud);
}
