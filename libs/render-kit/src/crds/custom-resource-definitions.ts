// Minimal structural CRDs for every custom kind the areas render, so a bare kube-apiserver (no operators)
// accepts them in a server-side dry run. They check what the API server checks for any object (names,
// metadata, namespacing, group/version/kind) plus the few spec fields listed here as required; field-level
// validation of the Argo CD, KEDA, Prometheus Operator, External Secrets and cert-manager kinds comes from the
// upstream schemas in @kubernetes-models/* (see tools/render/src/upstream-schema-validators.ts). Strimzi, CloudNativePG and the Redis
// operator have no such package, so for them these minimal CRDs are all there is.
import type { Manifest } from '@go-coffee/kube-objects';

export interface CustomKind {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly versions: readonly string[];
  readonly scope: 'Namespaced' | 'Cluster';
  /** spec fields the object cannot do without. @default none */
  readonly requiredSpec?: readonly string[];
  /** Where the upstream schema used for field validation comes from. */
  readonly schemaSource: 'npm @kubernetes-models' | 'minimal structural (ours)';
}

const KM = 'npm @kubernetes-models' as const;
const OURS = 'minimal structural (ours)' as const;

export const CUSTOM_KINDS: readonly CustomKind[] = [
  {
    group: 'argoproj.io',
    kind: 'Application',
    plural: 'applications',
    versions: ['v1alpha1'],
    scope: 'Namespaced',
    requiredSpec: ['project', 'destination'],
    schemaSource: KM,
  },
  {
    group: 'argoproj.io',
    kind: 'AppProject',
    plural: 'appprojects',
    versions: ['v1alpha1'],
    scope: 'Namespaced',
    schemaSource: KM,
  },
  {
    group: 'keda.sh',
    kind: 'ScaledObject',
    plural: 'scaledobjects',
    versions: ['v1alpha1'],
    scope: 'Namespaced',
    requiredSpec: ['scaleTargetRef', 'triggers'],
    schemaSource: KM,
  },
  {
    group: 'keda.sh',
    kind: 'TriggerAuthentication',
    plural: 'triggerauthentications',
    versions: ['v1alpha1'],
    scope: 'Namespaced',
    schemaSource: KM,
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'ServiceMonitor',
    plural: 'servicemonitors',
    versions: ['v1'],
    scope: 'Namespaced',
    requiredSpec: ['selector'],
    schemaSource: KM,
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'PodMonitor',
    plural: 'podmonitors',
    versions: ['v1'],
    scope: 'Namespaced',
    schemaSource: KM,
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'PrometheusRule',
    plural: 'prometheusrules',
    versions: ['v1'],
    scope: 'Namespaced',
    schemaSource: KM,
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'AlertmanagerConfig',
    plural: 'alertmanagerconfigs',
    versions: ['v1alpha1'],
    scope: 'Namespaced',
    schemaSource: KM,
  },
  {
    group: 'external-secrets.io',
    kind: 'ExternalSecret',
    plural: 'externalsecrets',
    versions: ['v1'],
    scope: 'Namespaced',
    schemaSource: KM,
  },
  {
    group: 'external-secrets.io',
    kind: 'SecretStore',
    plural: 'secretstores',
    versions: ['v1'],
    scope: 'Namespaced',
    requiredSpec: ['provider'],
    schemaSource: KM,
  },
  {
    group: 'external-secrets.io',
    kind: 'ClusterSecretStore',
    plural: 'clustersecretstores',
    versions: ['v1'],
    scope: 'Cluster',
    requiredSpec: ['provider'],
    schemaSource: KM,
  },
  {
    // spec is required upstream, but which issuer it configures (acme, ca, vault, ...) has no required field.
    group: 'cert-manager.io',
    kind: 'ClusterIssuer',
    plural: 'clusterissuers',
    versions: ['v1'],
    scope: 'Cluster',
    schemaSource: KM,
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'Kafka',
    plural: 'kafkas',
    versions: ['v1beta2'],
    scope: 'Namespaced',
    requiredSpec: ['kafka'],
    schemaSource: OURS,
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'KafkaNodePool',
    plural: 'kafkanodepools',
    versions: ['v1beta2'],
    scope: 'Namespaced',
    requiredSpec: ['replicas', 'roles', 'storage'],
    schemaSource: OURS,
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'KafkaTopic',
    plural: 'kafkatopics',
    versions: ['v1beta2'],
    scope: 'Namespaced',
    schemaSource: OURS,
  },
  {
    group: 'postgresql.cnpg.io',
    kind: 'Cluster',
    plural: 'clusters',
    versions: ['v1'],
    scope: 'Namespaced',
    requiredSpec: ['instances'],
    schemaSource: OURS,
  },
  {
    group: 'redis.redis.opstreelabs.in',
    kind: 'Redis',
    plural: 'redis',
    versions: ['v1beta2'],
    scope: 'Namespaced',
    requiredSpec: ['kubernetesConfig'],
    schemaSource: OURS,
  },
  {
    group: 'redis.redis.opstreelabs.in',
    kind: 'RedisReplication',
    plural: 'redisreplications',
    versions: ['v1beta2'],
    scope: 'Namespaced',
    requiredSpec: ['kubernetesConfig'],
    schemaSource: OURS,
  },
];

/** Finds the CRD entry for an apiVersion + kind, if there is one. */
export function customKindOf(apiVersion: string, kind: string): CustomKind | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return CUSTOM_KINDS.find(
    (entry) => entry.group === group && entry.kind === kind && entry.versions.includes(version!),
  );
}

/** CustomResourceDefinition objects (apiextensions.k8s.io/v1) for CUSTOM_KINDS. */
export function customResourceDefinitions(): Manifest[] {
  return CUSTOM_KINDS.map((entry) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${entry.plural}.${entry.group}` },
    spec: {
      group: entry.group,
      scope: entry.scope,
      names: {
        kind: entry.kind,
        plural: entry.plural,
        singular: entry.kind.toLowerCase(),
        listKind: `${entry.kind}List`,
      },
      versions: entry.versions.map((version, index) => ({
        name: version,
        served: true,
        storage: index === entry.versions.length - 1,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            ...(entry.requiredSpec ? { required: ['spec'] } : {}),
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
                ...(entry.requiredSpec ? { required: [...entry.requiredSpec] } : {}),
              },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      })),
    },
  }));
}
