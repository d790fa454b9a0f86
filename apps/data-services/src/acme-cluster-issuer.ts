// The ClusterIssuer behind the public entry point's certificate: Let's Encrypt (ACME) with DNS-01 challenges
// answered in the cluster's cloud DNS (Route 53, Cloud DNS or Azure DNS). cert-manager authenticates with its
// own workload identity (annotated on its service account, see operator-applications.ts), so the issuer holds
// no credentials. DNS-01 rather than HTTP-01: it works behind any ingress controller, before the load
// balancer exists, and needs no port 80.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';

export const ACME_DIRECTORIES = {
  production: 'https://acme-v02.api.letsencrypt.org/directory',
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
} as const;

export interface AcmeClusterIssuerProps {
  /** metadata.name; Ingresses reference it in `cert-manager.io/cluster-issuer`. */
  readonly name: string;
  readonly ctx: ClusterContext;
  /**
   * Labels on the issuer.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Renders a `cert-manager.io/v1` ClusterIssuer for Let's Encrypt with the cloud's DNS-01 solver. */
export class AcmeClusterIssuer extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AcmeClusterIssuerProps) {
    super(scope, id);
    const { ctx } = props;
    const where = `ClusterIssuer "${props.name}" of cluster "${ctx.name}"`;
    const dns = ctx.tls.dns;
    const missing = (field: string, why: string) =>
      new Error(
        `${where}: clouds.${ctx.cloud}.dns.${field} is not set; ${why}. Set it in environments/defaults.yaml ` +
          `or environments/${ctx.environment}.yaml`,
      );
    let dns01: Record<string, unknown>;
    switch (ctx.cloud) {
      case 'aws':
        if (!dns.hostedZoneId) throw missing('hostedZoneId', 'cert-manager changes records in that Route 53 zone only');
        // Ambient IRSA credentials of cert-manager's service account; the pinned zone spares the role
        // route53:ListHostedZonesByName.
        dns01 = { route53: { hostedZoneID: dns.hostedZoneId } };
        break;
      case 'gcp':
        if (!dns.project) throw missing('project', 'Cloud DNS needs the project that holds the zone');
        dns01 = { cloudDNS: { project: dns.project } };
        break;
      case 'azure':
        if (!dns.subscriptionId) throw missing('subscriptionId', 'Azure DNS needs the subscription of the zone');
        if (!dns.resourceGroup) throw missing('resourceGroup', 'Azure DNS needs the resource group of the zone');
        if (!dns.identity.azureClientId) {
          throw missing('identity.azureClientId', "Azure Workload Identity needs cert-manager's client id");
        }
        dns01 = {
          azureDNS: {
            environment: 'AzurePublicCloud',
            managedIdentity: { clientID: dns.identity.azureClientId },
            resourceGroupName: dns.resourceGroup,
            subscriptionID: dns.subscriptionId,
          },
        };
        break;
    }
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: {
        name: props.name,
        // The CRD arrives with the cert-manager Application in the same sync; without this Argo CD's dry run
        // fails the whole sync on the unknown kind before the operator is ever installed.
        annotations: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' },
        ...(props.labels === undefined || Object.keys(props.labels).length === 0
          ? {}
          : { labels: { ...props.labels } }),
      },
      spec: {
        acme: {
          email: ctx.tls.acmeEmail,
          server: ACME_DIRECTORIES[ctx.tls.acmeServer],
          // The ACME account key; cert-manager creates this Secret in its own namespace on first use.
          privateKeySecretRef: { name: `${props.name}-account-key` },
          // Solves only for names under the cluster's base domain.
          solvers: [{ selector: { dnsZones: [ctx.ingress.baseDomain] }, dns01 }],
        },
      },
    });
  }
}
