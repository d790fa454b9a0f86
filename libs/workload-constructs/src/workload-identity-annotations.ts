// Annotations that bind a Kubernetes service account to a cloud identity (AWS IRSA, GCP Workload Identity,
// Azure Workload Identity), for the upstream charts whose pods call the cloud: External Secrets Operator reads
// the secret manager and the monitoring stack object storage with the cluster's workload identity;
// cert-manager changes DNS records with an identity of its own.
import type { ClusterContext, WorkloadIdentity } from '@go-coffee/environments';
import { cloudIdentityAnnotations, cloudIdentityPodLabels } from './workload-service-account';

/** Which identity a chart's service account gets, and what to tell the user when it is missing. */
export interface CloudIdentityUse {
  readonly identity: WorkloadIdentity;
  /** Setting that holds it in the environment files, e.g. `identity` or `clouds.aws.dns.identity`. */
  readonly setting: string;
  /** Why the chart needs it. */
  readonly purpose: string;
  /** Where to set it. */
  readonly fix: string;
}

/** The cluster's own workload identity, used by `purpose` (e.g. "External Secrets needs it to …"). */
export function clusterIdentity(ctx: ClusterContext, purpose: string): CloudIdentityUse {
  return {
    identity: ctx.identity,
    setting: 'identity',
    purpose,
    fix: `add it to the cluster in environments/${ctx.environment}`,
  };
}

/** External Secrets Operator runs as the cluster's workload identity. */
export function externalSecretsIdentity(ctx: ClusterContext): CloudIdentityUse {
  return clusterIdentity(ctx, "External Secrets needs it to read the cloud's secret manager");
}

/** The monitoring stack (Loki, Tempo) runs as the cluster's workload identity. */
export function objectStorageIdentity(ctx: ClusterContext): CloudIdentityUse {
  return clusterIdentity(ctx, 'the monitoring stack needs it to reach object storage');
}

/** cert-manager runs as the DNS identity of the cluster's cloud: only it may change DNS records. */
export function certManagerIdentity(ctx: ClusterContext): CloudIdentityUse {
  return {
    identity: ctx.tls.dns.identity,
    setting: `clouds.${ctx.cloud}.dns.identity`,
    purpose: "cert-manager needs it to answer DNS-01 challenges in the cloud's DNS",
    fix: `set it in environments/defaults.yaml or environments/${ctx.environment}.yaml`,
  };
}

/** Service account annotations for the cluster's cloud; throws when the environment lacks the identity. */
export function workloadIdentityAnnotations(ctx: ClusterContext, use: CloudIdentityUse): Record<string, string> {
  return cloudIdentityAnnotations(
    ctx.cloud,
    use.identity,
    (field) =>
      new Error(
        `cluster "${ctx.name}" (${ctx.cloud}): ${use.setting}.${field} is not set, but ${use.purpose}; ${use.fix}`,
      ),
  );
}

/** Pod labels the cloud's identity webhook needs (only Azure asks pods to opt in). */
export function workloadIdentityPodLabels(ctx: ClusterContext): Record<string, string> {
  return cloudIdentityPodLabels(ctx.cloud);
}
