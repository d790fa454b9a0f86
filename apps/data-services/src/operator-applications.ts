// Argo CD Applications of the operators this area relies on. External Secrets Operator, KEDA and cert-manager
// run in every cluster (every area's secrets, the event functions' scaling and the public entry point's
// certificate need them); CloudNativePG and the Redis operator only where data services run in-cluster;
// Strimzi everywhere, but with its cluster operator only in-cluster (managed clusters need just its CRDs).
import type { Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import {
  certManagerIdentity,
  externalSecretsIdentity,
  LABEL_NAME,
  LABEL_OWNER,
  workloadIdentityAnnotations,
  workloadIdentityPodLabels,
} from '@go-coffee/workload-constructs';
import { NAMESPACES, UpstreamChartApplication, type UpstreamChart } from '@go-coffee/render-kit';
import { dataServicesCharts } from './area';

export const DATA_SERVICES_AREA = 'data-services';
export const DATA_OWNER = 'platform-engineering';
/** Namespaces of the cluster infrastructure operators (created by this area, see data-services-area.ts). */
export const OPERATOR_NAMESPACES = {
  certManager: 'cert-manager',
  externalSecrets: 'external-secrets',
  keda: 'keda',
} as const;
/**
 * Pod Security level enforced per operator namespace (all warn and audit at `restricted`). The cert-manager
 * chart runs every pod (controller, webhook, cainjector, startup check) as `restricted` requires, so its
 * namespace enforces it; External Secrets and KEDA keep `baseline`.
 */
export const OPERATOR_POD_SECURITY: Readonly<
  Record<(typeof OPERATOR_NAMESPACES)[keyof typeof OPERATOR_NAMESPACES], 'baseline' | 'restricted'>
> = {
  'cert-manager': 'restricted',
  'external-secrets': 'baseline',
  keda: 'baseline',
};
/** Service account of External Secrets Operator; the ClusterSecretStore authenticates as it. */
export const EXTERNAL_SECRETS_SERVICE_ACCOUNT = {
  name: 'external-secrets',
  namespace: OPERATOR_NAMESPACES.externalSecrets,
};

/**
 * Service account of the cert-manager controller; the cloud trusts exactly this subject
 * (`system:serviceaccount:cert-manager:cert-manager`) to change DNS records.
 */
export const CERT_MANAGER_SERVICE_ACCOUNT = { name: 'cert-manager', namespace: OPERATOR_NAMESPACES.certManager };

interface OperatorApplication {
  readonly name: string;
  readonly upstream: UpstreamChart;
  readonly namespace: string;
  readonly values: Record<string, unknown>;
}

export function operatorApplications(ctx: ClusterContext): OperatorApplication[] {
  const podLabels = workloadIdentityPodLabels(ctx);
  const prod = ctx.environment === 'prod';
  const infrastructure: OperatorApplication[] = [
    {
      name: 'cert-manager',
      upstream: dataServicesCharts.certManager,
      namespace: OPERATOR_NAMESPACES.certManager,
      values: {
        // Kept on uninstall: deleting the CRDs would delete every issuer and Certificate with them.
        crds: { enabled: true, keep: true },
        // Leader-election Leases in its own namespace, so the chart needs no Role in kube-system.
        global: { leaderElection: { namespace: OPERATOR_NAMESPACES.certManager } },
        ...(Object.keys(podLabels).length > 0 ? { podLabels } : {}),
        // Renewals and the webhook must survive a node drain in prod.
        replicaCount: prod ? 2 : 1,
        podDisruptionBudget: { enabled: prod },
        webhook: { replicaCount: prod ? 2 : 1, podDisruptionBudget: { enabled: prod } },
        cainjector: { replicaCount: prod ? 2 : 1, podDisruptionBudget: { enabled: prod } },
        prometheus: { enabled: true, servicemonitor: { enabled: true } },
        serviceAccount: {
          annotations: workloadIdentityAnnotations(ctx, certManagerIdentity(ctx)),
          create: true,
          name: CERT_MANAGER_SERVICE_ACCOUNT.name,
        },
      },
    },
    {
      name: 'external-secrets',
      upstream: dataServicesCharts.externalSecrets,
      namespace: OPERATOR_NAMESPACES.externalSecrets,
      values: {
        installCRDs: true,
        ...(Object.keys(podLabels).length > 0 ? { podLabels } : {}),
        serviceAccount: {
          annotations: workloadIdentityAnnotations(ctx, externalSecretsIdentity(ctx)),
          create: true,
          name: EXTERNAL_SECRETS_SERVICE_ACCOUNT.name,
        },
        serviceMonitor: { enabled: true },
      },
    },
    {
      name: 'keda',
      upstream: dataServicesCharts.keda,
      namespace: OPERATOR_NAMESPACES.keda,
      values: {
        crds: { install: true },
        // Scale-to-zero stops when KEDA is down; prod runs a standby operator (leader election).
        operator: { replicaCount: prod ? 2 : 1 },
        prometheus: {
          metricServer: { enabled: true, serviceMonitor: { enabled: true } },
          operator: { enabled: true, serviceMonitor: { enabled: true } },
        },
      },
    },
  ];
  const inCluster = ctx.dataMode === 'in-cluster';
  const strimzi: OperatorApplication = {
    name: 'strimzi-kafka-operator',
    upstream: dataServicesCharts.strimzi,
    namespace: NAMESPACES.data,
    // In-cluster: the cluster operator, watching its own (the data) namespace only. Managed Kafka: the chart
    // only for its CRDs (KafkaTopic); the standalone Topic Operator reconciles the topics against the brokers.
    values: inCluster
      ? {
          replicas: 1,
          resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '200m', memory: '384Mi' } },
        }
      : { replicas: 0 },
  };
  if (!inCluster) return [...infrastructure, strimzi];
  return [
    ...infrastructure,
    strimzi,
    {
      name: 'cloudnative-pg',
      upstream: dataServicesCharts.cloudnativePg,
      namespace: NAMESPACES.data,
      values: {
        crds: { create: true },
        replicaCount: 1,
        resources: { limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
      },
    },
    {
      name: 'redis-operator',
      upstream: dataServicesCharts.redisOperator,
      namespace: NAMESPACES.data,
      // No admission webhook, so the operator does not need cert-manager.
      values: { certmanager: { enabled: false }, redisOperator: { webhook: false } },
    },
  ];
}

/** Renders the operators' Applications. They sync by hand when the environment holds this area by hand. */
export function renderOperatorApplications(chart: Chart, ctx: ClusterContext): void {
  for (const operator of operatorApplications(ctx)) {
    new UpstreamChartApplication(chart, `app-${operator.name}`, {
      chart: operator.upstream,
      ctx,
      name: operator.name,
      area: DATA_SERVICES_AREA,
      destinationNamespace: operator.namespace,
      values: operator.values,
      // The operators' CRDs exceed the client-side apply annotation limit.
      syncOptions: ['ServerSideApply=true'],
      labels: { [LABEL_NAME]: operator.name, [LABEL_OWNER]: DATA_OWNER },
    });
  }
}
