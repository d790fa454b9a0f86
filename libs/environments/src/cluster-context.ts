// The resolved view of one cluster that every cdk8s app renders against. Environment files are merged
// over defaults and validated (see environment-schema.ts) before a ClusterContext is ever built, so apps
// never re-check or default anything here.

export type EnvironmentName = 'dev' | 'staging' | 'prod';
export type Cloud = 'aws' | 'gcp' | 'azure';
export type SizingProfileName = 'small' | 'medium' | 'large';

/** Names of every deployable service whose image version an environment pins. */
export const SERVICE_NAMES = [
  'api-gateway',
  'user-gateway',
  'security-gateway',
  'web-ui-backend',
  'producer',
  'kitchen-service',
  'web3-payment-service',
  'coffee-order-processor',
  'ai-agent-coordinator',
  'defi-arbitrage-scanner',
  'inventory-optimizer',
  'notification-dispatcher',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ImageRef {
  /** Registry and repository, e.g. `ghcr.io/go-coffee/api-gateway`. */
  readonly repository: string;
  /** Immutable tag (never `latest`) or `sha256:` digest. */
  readonly tag: string;
}

export interface WorkloadIdentity {
  /** AWS IRSA: role ARN annotated on service accounts (`eks.amazonaws.com/role-arn`). */
  readonly awsRoleArn?: string;
  /** GCP Workload Identity: service account email (`iam.gke.io/gcp-service-account`). */
  readonly gcpServiceAccount?: string;
  /** Azure Workload Identity: client id (`azure.workload.identity/client-id`). */
  readonly azureClientId?: string;
}

/**
 * Where cert-manager answers Let's Encrypt DNS-01 challenges: the cloud's DNS service, reached with
 * cert-manager's own workload identity (allowed to change DNS records, which no workload may).
 */
export interface DnsChallengeZone {
  /** AWS: Route 53 hosted zone id; cert-manager changes records in this zone only. */
  readonly hostedZoneId?: string;
  /** GCP: project that holds the Cloud DNS zone. */
  readonly project?: string;
  /** Azure: subscription that holds the Azure DNS zone. */
  readonly subscriptionId?: string;
  /** Azure: resource group of the Azure DNS zone. */
  readonly resourceGroup?: string;
  /** cert-manager's cloud identity (IRSA role / GCP service account / Azure client id) for the cloud's DNS. */
  readonly identity: WorkloadIdentity;
}

/** TLS for the public entry point. */
export interface PublicTls {
  /** ACME account email; Let's Encrypt sends expiry and policy notices there. */
  readonly acmeEmail: string;
  /** Let's Encrypt directory: `production` issues trusted certificates, `staging` untrusted test ones. */
  readonly acmeServer: 'production' | 'staging';
  readonly dns: DnsChallengeZone;
}

export interface SizingProfile {
  readonly name: SizingProfileName;
  /** Baseline replicas for core services (HPA minReplicas). */
  readonly minReplicas: number;
  /** HPA maxReplicas for core services. */
  readonly maxReplicas: number;
  /** Multiplier applied to per-service resource requests/limits. */
  readonly resourceScale: number;
}

/**
 * Where a cluster lives in its cloud: what a cloud CLI needs to reach it (kubeconfig for drift checks).
 * Each field is set when the environment files state it; a consumer that needs one checks for it.
 */
export interface CloudAccount {
  /** AWS: account id of the EKS cluster. */
  readonly awsAccountId?: string;
  /** GCP: project id of the GKE cluster. */
  readonly gcpProject?: string;
  /** Azure: subscription of the AKS cluster. */
  readonly azureSubscriptionId?: string;
  /** Azure: resource group of the AKS cluster. */
  readonly azureResourceGroup?: string;
}

/** How the environment's Argo CD roots come to exist, and the hub's application-controller sharding. */
export interface ArgoCdFleet {
  /**
   * `hand-applied`: a person applies each cluster's root Application. `applicationSet`: the hub (the environment's
   * first enabled cluster) runs one ApplicationSet whose cluster generator creates every other cluster's root.
   */
  readonly fleetBootstrap: 'hand-applied' | 'applicationSet';
  /** The hub: the cluster whose Argo CD holds the ApplicationSet (the first enabled cluster of the environment). */
  readonly hub: string;
  /** Every other enabled cluster of the environment (the ApplicationSet's destinations), in file order. */
  readonly spokes: readonly string[];
  /**
   * Name of this cluster's root Application: `root`, or `root-<cluster>` on a spoke, whose root lives in the
   * hub's Argo CD (one namespace holds every spoke's root there, so the names must differ).
   */
  readonly rootApplication: string;
  /** The hub's application-controller: replicas and the algorithm that spreads clusters over them. */
  readonly controller: {
    readonly replicas: number;
    readonly shardingAlgorithm: 'legacy' | 'round-robin' | 'consistent-hashing';
    /** Shards rebalance when replicas change (Argo CD alpha; the chart runs the controller as a Deployment). */
    readonly dynamicClusterDistribution: boolean;
  };
}

export interface ClusterContext {
  readonly environment: EnvironmentName;
  /** Unique cluster name, also its folder under gitops/, e.g. `prod-aws-us-east-1`. */
  readonly name: string;
  readonly cloud: Cloud;
  readonly region: string;
  /**
   * Tenant the cluster serves, when the environment declares tenants.
   * @default no tenant
   */
  readonly tenant?: string;
  readonly kubernetesVersion: string;
  readonly ingress: { readonly className: string; readonly baseDomain: string };
  readonly storageClass: string;
  readonly identity: WorkloadIdentity;
  /**
   * Certificates for `api.<baseDomain>`: cert-manager with Let's Encrypt DNS-01 in the cloud's DNS (the ALB on
   * AWS takes its certificate from ACM instead, but the ClusterIssuer exists on every cluster).
   */
  readonly tls: PublicTls;
  readonly sizing: SizingProfile;
  /** Image per service for this environment. */
  readonly images: Readonly<Record<ServiceName, ImageRef>>;
  /**
   * Helm repository serving every upstream chart (same names and versions as the chart catalog); when set,
   * chart Applications and AppProjects use it instead of the upstream repositories.
   * @default the upstream repositories of the chart catalog
   */
  readonly chartMirror?: string;
  /** Where Argo CD reads this cluster's folder from. */
  readonly gitops: {
    readonly repoURL: string;
    readonly targetRevision: string;
    readonly path: string;
    /**
     * Where people read the repository in a browser (runbook links), unchanged when Argo CD reads a mirror.
     * @default repoURL without ".git"
     */
    readonly browseURL?: string;
  };
  /** Data services run in-cluster (operators) in dev, managed cloud services elsewhere. */
  readonly dataMode: 'in-cluster' | 'managed';
  /**
   * Argo CD Applications that sync by hand in this environment (no automated prune/selfHeal). The loader
   * always sets it; optional only so hand-written contexts in older tests stay valid.
   * @default no manual Applications
   */
  readonly sync?: { readonly manualApplications: readonly string[] };
  /**
   * The cloud account, project or subscription the cluster lives in. The loader always sets it; optional
   * only so hand-written contexts in tests stay valid.
   * @default unknown
   */
  readonly cloudAccount?: CloudAccount;
  /**
   * The environment's Argo CD fleet settings. The loader always sets it; optional only so hand-written
   * contexts in tests stay valid.
   * @default hand-applied roots, one controller replica
   */
  readonly argocd?: ArgoCdFleet;
}
