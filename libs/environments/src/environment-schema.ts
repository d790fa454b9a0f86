// Schemas of the files under environments/: defaults.yaml (everything), <env>.yaml (only what differs, plus
// the cluster list) and images/<env>.yaml (one pinned tag per service). The same zod schemas validate at
// load time and generate the JSON Schemas editors use, so the two can never disagree.
import { z } from 'zod';
import { SERVICE_NAMES } from './cluster-context';

export const CLOUDS = ['aws', 'gcp', 'azure'] as const;
export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;
export const SIZING_PROFILE_NAMES = ['small', 'medium', 'large'] as const;
export const FLEET_BOOTSTRAPS = ['hand-applied', 'applicationSet'] as const;
/** Argo CD application-controller sharding algorithms (`controller.sharding.algorithm`, Argo CD 3.x). */
export const SHARDING_ALGORITHMS = ['legacy', 'round-robin', 'consistent-hashing'] as const;

const dnsLabel = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a lowercase DNS label (a-z, 0-9, "-", at most 63 characters)',
  );
const domain = z
  .string()
  .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, 'must be a lowercase DNS domain such as go-coffee.com');
const kubernetesVersion = z.string().regex(/^1\.\d{2}$/, 'must be a Kubernetes minor version such as "1.34" (quoted)');
/** Pinned image tag: semver (optionally v-prefixed, with pre-release) or a sha256 digest; never `latest`. */
export const IMAGE_TAG_PATTERN = /^(v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?|sha256:[a-f0-9]{64})$/;
const imageTag = z.string().regex(IMAGE_TAG_PATTERN, {
  error: (issue) =>
    issue.input === 'latest'
      ? 'must not be "latest": pin an immutable version such as 1.4.2'
      : 'must be a semver tag such as 1.4.2 or a sha256: digest',
});

const identitySchema = z.strictObject({
  awsRoleArn: z
    .string()
    .regex(/^arn:aws:iam::(\d{12}|\{account\}):role\/[\w+=,.@{}-]+$/, 'must be an IAM role ARN')
    .optional()
    .describe('AWS IRSA role ARN; {cluster} and {environment} are substituted.'),
  gcpServiceAccount: z
    .string()
    .regex(/^[\w{}-]+@[\w{}-]+\.iam\.gserviceaccount\.com$/, 'must be a GCP service account email')
    .optional()
    .describe('GCP Workload Identity service account; {environment}, {cluster} and {project} are substituted.'),
  azureClientId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lowercase GUID')
    .optional()
    .describe('Azure Workload Identity client id.'),
});

const dnsSchema = z.strictObject({
  hostedZoneId: z
    .string()
    .regex(/^Z[A-Z0-9]{1,31}$/, 'must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ')
    .optional()
    .describe('AWS: Route 53 hosted zone cert-manager writes DNS-01 records into (required for AWS).'),
  project: z
    .string()
    .regex(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, 'must be a GCP project id')
    .optional()
    .describe('GCP: project of the Cloud DNS zone; defaults to the cloud project.'),
  subscriptionId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lowercase GUID')
    .optional()
    .describe('Azure: subscription of the Azure DNS zone (required for Azure).'),
  resourceGroup: z
    .string()
    .regex(/^[-\w.()]{1,90}$/, 'must be an Azure resource group name')
    .optional()
    .describe('Azure: resource group of the Azure DNS zone; defaults to the cloud resource group.'),
  identity: identitySchema.describe(
    "cert-manager's own workload identity, allowed to change DNS records; {cluster}, {environment} and {project} are substituted.",
  ),
});

const tlsSchema = z.strictObject({
  acmeEmail: z.email('must be an email address').describe("Let's Encrypt account email (expiry notices)."),
  acmeServer: z
    .enum(['production', 'staging'])
    .describe("Let's Encrypt directory; staging issues untrusted certificates with generous rate limits."),
});

const sizingProfileSchema = z.strictObject({
  minReplicas: z.number().int().min(1, 'must be at least 1 (replicas < 1 would leave a service down)'),
  maxReplicas: z.number().int().min(1, 'must be at least 1'),
  resourceScale: z.number().positive().max(8),
});

const cloudSettingsSchema = z.strictObject({
  enabled: z
    .boolean()
    .describe('Clusters of a disabled cloud are not rendered. ENABLE_<CLOUD> and --enable/--disable-<cloud> override.'),
  regions: z.array(z.string().min(1)).min(1).describe('Allowed regions; the first is the primary.'),
  ingressClass: z.string().min(1),
  storageClass: z.string().min(1),
  identity: identitySchema,
  project: z.string().optional().describe('GCP project id.'),
  resourceGroup: z.string().optional().describe('Azure resource group.'),
  accountId: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit AWS account id (quoted)')
    .optional()
    .describe('AWS account the clusters live in (drift checks refuse credentials for any other account).'),
  subscriptionId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lowercase GUID')
    .optional()
    .describe('Azure subscription the clusters live in.'),
  dns: dnsSchema.describe("The cloud's DNS zone where cert-manager answers Let's Encrypt DNS-01 challenges."),
});

const syncSchema = z.strictObject({
  manual: z
    .array(dnsLabel)
    .describe('Argo CD Applications that sync manually in this environment (no automated prune/selfHeal).'),
});

const browseURL = z
  .url({ protocol: /^https$/ })
  .describe(
    'Where people read the repository in a browser (runbook links in alerts). Defaults to repoURL without ".git"; set it when Argo CD reads Git from a mirror.',
  );
const chartMirror = z
  .url()
  .describe(
    'Helm repository that serves every upstream chart under its own name and version (air-gapped or regulated installs). When set, every chart Application and every AppProject sourceRepos point at it instead of the upstream repositories; the chart catalog still pins each version.',
  );

const argocdSchema = z.strictObject({
  fleetBootstrap: z
    .enum(FLEET_BOOTSTRAPS)
    .describe(
      "How each cluster's root Application comes to exist: hand-applied (kubectl apply per cluster) or applicationSet (one ApplicationSet on the environment's first cluster, the hub, creates every other cluster's root).",
    ),
  controller: z
    .strictObject({
      replicas: z
        .number()
        .int()
        .min(1, 'must be at least 1')
        .max(100)
        .describe('application-controller replicas of the hub; each shard reconciles a share of the clusters.'),
      shardingAlgorithm: z
        .enum(SHARDING_ALGORITHMS)
        .describe('How clusters are spread over the replicas (Argo CD controller.sharding.algorithm).'),
      dynamicClusterDistribution: z
        .boolean()
        .describe(
          'Argo CD dynamic cluster distribution (alpha): the controller runs as a Deployment and shards rebalance when replicas change.',
        ),
    })
    .describe("The hub's application-controller sharding (rendered into the Argo CD values with applicationSet)."),
});

/** defaults.yaml: every setting, stated once. */
export const defaultsFileSchema = z.strictObject({
  gitops: z.strictObject({ repoURL: z.url(), targetRevision: z.string().min(1), browseURL: browseURL.optional() }),
  chartMirror: chartMirror.optional(),
  imageRegistry: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)+$/, 'must be a registry path such as ghcr.io/go-coffee'),
  kubernetesVersion,
  baseDomain: z.string().min(1).describe('Ingress base domain; {environment} is substituted.'),
  sizing: z.enum(SIZING_PROFILE_NAMES).describe('Default sizing profile.'),
  dataMode: z.enum(['in-cluster', 'managed']),
  tls: tlsSchema.describe("TLS of the public entry point: Let's Encrypt through cert-manager (ACM on AWS ALB)."),
  sync: syncSchema,
  argocd: argocdSchema,
  sizingProfiles: z.strictObject({
    small: sizingProfileSchema,
    medium: sizingProfileSchema,
    large: sizingProfileSchema,
  }),
  clouds: z.strictObject({ aws: cloudSettingsSchema, gcp: cloudSettingsSchema, azure: cloudSettingsSchema }),
});
export type DefaultsFile = z.infer<typeof defaultsFileSchema>;

const clusterEntrySchema = z.strictObject({
  cloud: z.enum(CLOUDS),
  region: z.string().min(1),
  name: dnsLabel.optional().describe('Defaults to <environment>-<cloud>-<region>.'),
  enabled: z.boolean().optional().describe('Defaults to true; a cluster renders only if it and its cloud are enabled.'),
  kubernetesVersion: kubernetesVersion.optional(),
  ingressClass: z.string().min(1).optional(),
  storageClass: z.string().min(1).optional(),
  baseDomain: domain.optional(),
  identity: identitySchema.optional(),
  sizing: z.enum(SIZING_PROFILE_NAMES).optional(),
  tenant: dnsLabel
    .optional()
    .describe('Tenant the cluster serves; a generated cluster is named <environment>-<cloud>-<region>-<tenant>.'),
});
export type ClusterEntry = z.infer<typeof clusterEntrySchema>;

/** What a fleet override may change on one generated cluster: everything but where it is. */
const clusterOverrideSchema = clusterEntrySchema.omit({ cloud: true, region: true, name: true, tenant: true });
export type ClusterOverride = z.infer<typeof clusterOverrideSchema>;

/**
 * A fleet declared compactly: every combination of clouds × regions (× tenants) becomes one cluster, named
 * <environment>-<cloud>-<region>[-<tenant>], with per-cluster overrides by name.
 */
export const fleetSchema = z.strictObject({
  clouds: z.array(z.enum(CLOUDS)).min(1, 'must list at least one cloud').describe('Clouds the fleet spans.'),
  regions: z
    .strictObject({
      aws: z.array(z.string().min(1)).min(1).optional(),
      gcp: z.array(z.string().min(1)).min(1).optional(),
      azure: z.array(z.string().min(1)).min(1).optional(),
    })
    .optional()
    .describe('Regions per cloud; a cloud not listed here gets every region of clouds.<cloud>.regions.'),
  tenants: z
    .array(dnsLabel)
    .min(1, 'must list at least one tenant (or leave tenants out)')
    .optional()
    .describe('One cluster per tenant in every cloud and region.'),
  overrides: z
    .record(dnsLabel, clusterOverrideSchema)
    .optional()
    .describe('Per generated cluster (by name): settings that differ, or enabled: false.'),
});
export type FleetDeclaration = z.infer<typeof fleetSchema>;

const partialCloud = cloudSettingsSchema
  .partial()
  .extend({ identity: identitySchema.optional(), dns: dnsSchema.partial().optional() });

/** <env>.yaml: only what differs from defaults, plus the clusters. */
export const environmentFileSchema = z.strictObject({
  gitops: z
    .strictObject({ repoURL: z.url(), targetRevision: z.string().min(1), browseURL })
    .partial()
    .optional(),
  chartMirror: chartMirror.optional(),
  imageRegistry: defaultsFileSchema.shape.imageRegistry.optional(),
  kubernetesVersion: kubernetesVersion.optional(),
  baseDomain: domain.optional(),
  sizing: z.enum(SIZING_PROFILE_NAMES).optional(),
  dataMode: z.enum(['in-cluster', 'managed']).optional(),
  tls: tlsSchema.partial().optional(),
  sync: syncSchema.partial().optional(),
  sizingProfiles: z
    .strictObject({
      small: sizingProfileSchema.partial(),
      medium: sizingProfileSchema.partial(),
      large: sizingProfileSchema.partial(),
    })
    .partial()
    .optional(),
  clouds: z.strictObject({ aws: partialCloud, gcp: partialCloud, azure: partialCloud }).partial().optional(),
  argocd: argocdSchema.extend({ controller: argocdSchema.shape.controller.partial() }).partial().optional(),
  clusters: z
    .array(clusterEntrySchema)
    .min(1, 'must list at least one cluster')
    .optional()
    .describe('Clusters listed one by one; with fleet, these come first.'),
  fleet: fleetSchema.optional().describe('Clusters generated from clouds × regions × tenants.'),
});
export type EnvironmentFile = z.infer<typeof environmentFileSchema>;

/** images/<env>.yaml: service name → pinned tag. Every known service, nothing else. */
export const imagesFileSchema = z.strictObject(
  Object.fromEntries(SERVICE_NAMES.map((service) => [service, imageTag])) as Record<
    (typeof SERVICE_NAMES)[number],
    typeof imageTag
  >,
);
export type ImagesFile = z.infer<typeof imagesFileSchema>;

/** JSON Schemas (draft 2020-12) for editors; written to environments/schema/ by the schema generator. */
export function environmentJsonSchemas(): Record<string, unknown> {
  return {
    'defaults.schema.json': z.toJSONSchema(defaultsFileSchema, { io: 'input' }),
    'environment.schema.json': z.toJSONSchema(environmentFileSchema, { io: 'input' }),
    'images.schema.json': z.toJSONSchema(imagesFileSchema, { io: 'input' }),
  };
}
