// Annotations that bind a Kubernetes service account to the cluster's cloud identity (AWS IRSA, GCP Workload
// Identity, Azure Workload Identity), for the charts whose pods read object storage or secret managers.
import type { ClusterContext } from '@go-coffee/environments';

/** Service account annotations for the cluster's cloud; throws when the environment lacks the identity. */
export function workloadIdentityAnnotations(ctx: ClusterContext): Record<string, string> {
  const missing = (field: string) =>
    new Error(
      `cluster "${ctx.name}" (${ctx.cloud}): identity.${field} is not set, but the monitoring stack needs it to ` +
        `reach object storage; add it to the cluster in environments/${ctx.environment}`,
    );
  switch (ctx.cloud) {
    case 'aws':
      if (!ctx.identity.awsRoleArn) throw missing('awsRoleArn');
      return { 'eks.amazonaws.com/role-arn': ctx.identity.awsRoleArn };
    case 'gcp':
      if (!ctx.identity.gcpServiceAccount) throw missing('gcpServiceAccount');
      return { 'iam.gke.io/gcp-service-account': ctx.identity.gcpServiceAccount };
    case 'azure':
      if (!ctx.identity.azureClientId) throw missing('azureClientId');
      return { 'azure.workload.identity/client-id': ctx.identity.azureClientId };
  }
}

/** Pod labels the cloud's identity webhook needs (only Azure asks pods to opt in). */
export function workloadIdentityPodLabels(ctx: ClusterContext): Record<string, string> {
  return ctx.cloud === 'azure' ? { 'azure.workload.identity/use': 'true' } : {};
}
