// The ServiceAccount a workload runs as, bound to the cluster's cloud identity so pods reach cloud APIs
// (secret stores, object storage, managed Kafka) without long-lived keys.
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { Cloud, WorkloadIdentity } from '@go-coffee/environments';
import { assertDnsLabel } from './kubernetes-names';
import { workloadLabels } from './workload-labels';
import type { WorkloadIdentityLabels } from './workload-labels';

/** Annotation each cloud's workload-identity webhook or metadata server reads from the ServiceAccount. */
export const CLOUD_IDENTITY_ANNOTATIONS: Readonly<
  Record<Cloud, { annotation: string; field: keyof WorkloadIdentity }>
> = {
  aws: { annotation: 'eks.amazonaws.com/role-arn', field: 'awsRoleArn' },
  gcp: { annotation: 'iam.gke.io/gcp-service-account', field: 'gcpServiceAccount' },
  azure: { annotation: 'azure.workload.identity/client-id', field: 'azureClientId' },
};

/**
 * The ServiceAccount annotation binding to `identity` on `cloud`. `missing` builds the error thrown when the
 * identity has no value for that cloud, so each caller can say which setting to fill in and why.
 */
export function cloudIdentityAnnotations(
  cloud: Cloud,
  identity: WorkloadIdentity,
  missing: (field: keyof WorkloadIdentity) => Error,
): Record<string, string> {
  const mapping = CLOUD_IDENTITY_ANNOTATIONS[cloud];
  if (mapping === undefined) throw new Error(`unknown cloud "${String(cloud)}"; expected aws, gcp or azure`);
  const value = identity[mapping.field];
  if (value === undefined || value.trim() === '') throw missing(mapping.field);
  return { [mapping.annotation]: value };
}

/**
 * Pod labels a cloud's identity webhook needs in addition to the ServiceAccount annotation; Azure Workload
 * Identity only injects credentials into pods labelled `azure.workload.identity/use: "true"`.
 */
export function cloudIdentityPodLabels(cloud: Cloud): Record<string, string> {
  return cloud === 'azure' ? { 'azure.workload.identity/use': 'true' } : {};
}

export interface WorkloadServiceAccountProps {
  /** Labels and name (`workload.name`) of the ServiceAccount. */
  readonly workload: WorkloadIdentityLabels;
  /**
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /** Cloud of the cluster; picks the annotation. */
  readonly cloud: Cloud;
  /** The cluster's workload-identity settings; the field for `cloud` must be set. */
  readonly identity: WorkloadIdentity;
  /**
   * Cluster name, only used to make error messages point at the right environment entry.
   * @default 'this cluster'
   */
  readonly clusterName?: string;
}

/** Renders a `v1` ServiceAccount annotated with the cloud identity; API tokens are not automounted. */
export class WorkloadServiceAccount extends Construct {
  public readonly serviceAccount: kplus.ServiceAccount;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: WorkloadServiceAccountProps) {
    super(scope, id);
    this.name = props.workload.name;
    assertDnsLabel(this.name, 'ServiceAccount name');
    if (CLOUD_IDENTITY_ANNOTATIONS[props.cloud] === undefined) {
      throw new Error(
        `ServiceAccount "${this.name}": unknown cloud "${String(props.cloud)}"; expected aws, gcp or azure`,
      );
    }
    const annotations = cloudIdentityAnnotations(
      props.cloud,
      props.identity,
      (field) =>
        new Error(
          `ServiceAccount "${this.name}": ${props.clusterName ?? 'this cluster'} runs on ${props.cloud} but has no ` +
            `identity.${field}; set it in the cluster's environment entry`,
        ),
    );
    this.serviceAccount = new kplus.ServiceAccount(this, 'Resource', {
      metadata: {
        name: this.name,
        ...(props.namespace === undefined ? {} : { namespace: props.namespace }),
        labels: workloadLabels(props.workload),
        annotations,
      },
      automountToken: false,
    });
  }
}
