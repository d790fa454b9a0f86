// The ClusterSecretStore every ExternalSecret of the platform reads from: the secret manager of the
// cluster's cloud, authenticated with the cluster's workload identity through External Secrets Operator's
// own service account (no static cloud credentials anywhere).
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';

export interface CloudSecretStoreProps {
  /** metadata.name; ExternalSecrets reference it. */
  readonly name: string;
  readonly ctx: ClusterContext;
  /** Service account of External Secrets Operator that carries the cloud identity annotation. */
  readonly serviceAccount: { readonly name: string; readonly namespace: string };
  /**
   * Labels on the store.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const GCP_SERVICE_ACCOUNT = /^[a-z][-a-z0-9]{4,28}[a-z0-9]@([a-z][-a-z0-9]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$/;
const AZURE_VAULT = /^[a-z][-a-z0-9]{1,22}[a-z0-9]$/;

/** Key Vault of an Azure cluster: 3–24 characters, letters, digits and '-'. */
export function azureKeyVaultName(ctx: ClusterContext): string {
  return `gc-${ctx.environment}-${ctx.region}`;
}

/** Renders an `external-secrets.io/v1` ClusterSecretStore for AWS Secrets Manager, GCP Secret Manager or Azure Key Vault. */
export class CloudSecretStore extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: CloudSecretStoreProps) {
    super(scope, id);
    const { ctx } = props;
    const where = `ClusterSecretStore "${props.name}" of cluster "${ctx.name}"`;
    const serviceAccountRef = { name: props.serviceAccount.name, namespace: props.serviceAccount.namespace };
    let provider: Record<string, unknown>;
    switch (ctx.cloud) {
      case 'aws':
        if (!ctx.identity.awsRoleArn) {
          throw new Error(
            `${where}: identity.awsRoleArn is not set; IRSA needs the role ESO assumes. Add it in environments/${ctx.environment}`,
          );
        }
        // IRSA: ESO exchanges the service account's projected token for the annotated role.
        provider = { aws: { auth: { jwt: { serviceAccountRef } }, region: ctx.region, service: 'SecretsManager' } };
        break;
      case 'gcp': {
        const match = GCP_SERVICE_ACCOUNT.exec(ctx.identity.gcpServiceAccount ?? '');
        if (match === null) {
          throw new Error(
            `${where}: identity.gcpServiceAccount "${ctx.identity.gcpServiceAccount ?? ''}" must be a service account ` +
              `email like name@project.iam.gserviceaccount.com; the project holding the secrets is read from it`,
          );
        }
        provider = {
          gcpsm: {
            auth: { workloadIdentity: { clusterLocation: ctx.region, clusterName: ctx.name, serviceAccountRef } },
            projectID: match[1],
          },
        };
        break;
      }
      case 'azure': {
        if (!ctx.identity.azureClientId) {
          throw new Error(
            `${where}: identity.azureClientId is not set; Azure Workload Identity needs it. Add it in environments/${ctx.environment}`,
          );
        }
        const vault = azureKeyVaultName(ctx);
        if (!AZURE_VAULT.test(vault)) {
          throw new Error(
            `${where}: Key Vault name "${vault}" is not 3–24 lowercase letters, digits and '-'; shorten the region or environment name`,
          );
        }
        provider = {
          azurekv: { authType: 'WorkloadIdentity', serviceAccountRef, vaultUrl: `https://${vault}.vault.azure.net` },
        };
        break;
      }
    }
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ClusterSecretStore',
      metadata: {
        name: props.name,
        ...(props.labels === undefined || Object.keys(props.labels).length === 0
          ? {}
          : { labels: { ...props.labels } }),
      },
      spec: { provider },
    });
  }
}
