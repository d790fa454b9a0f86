import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import type { ClusterContext } from '@go-coffee/environments';
import { testClusterContext } from '@go-coffee/environments/test-support';
import { CloudSecretStore } from './cloud-secret-store';

const serviceAccount = { name: 'external-secrets', namespace: 'external-secrets' };

function provider(ctx: ClusterContext): unknown {
  const chart = new Chart(Testing.app(), 'test');
  new CloudSecretStore(chart, 'store', { name: 'cloud-secret-store', ctx, serviceAccount });
  return (Testing.synth(chart)[0] as { spec: { provider: unknown } }).spec.provider;
}

describe('CloudSecretStore', () => {
  it('reads AWS Secrets Manager in the cluster region through IRSA', () => {
    expect(provider(testClusterContext())).toStrictEqual({
      aws: { auth: { jwt: { serviceAccountRef: serviceAccount } }, region: 'us-east-1', service: 'SecretsManager' },
    });
  });

  it('reads GCP Secret Manager of the project named in the workload identity service account', () => {
    const ctx = testClusterContext({
      name: 'staging-gcp-us-central1',
      cloud: 'gcp',
      region: 'us-central1',
      identity: { gcpServiceAccount: 'go-coffee-workloads@go-coffee-platform.iam.gserviceaccount.com' },
    });
    expect(provider(ctx)).toStrictEqual({
      gcpsm: {
        auth: {
          workloadIdentity: {
            clusterLocation: 'us-central1',
            clusterName: 'staging-gcp-us-central1',
            serviceAccountRef: serviceAccount,
          },
        },
        projectID: 'go-coffee-platform',
      },
    });
  });

  it('reads the Azure Key Vault of the environment and region with Azure Workload Identity', () => {
    const ctx = testClusterContext({
      environment: 'prod',
      name: 'prod-azure-eastus',
      cloud: 'azure',
      region: 'eastus',
      identity: { azureClientId: '00000000-0000-0000-0000-000000000001' },
    });
    expect(provider(ctx)).toStrictEqual({
      azurekv: {
        authType: 'WorkloadIdentity',
        serviceAccountRef: serviceAccount,
        vaultUrl: 'https://gc-prod-eastus.vault.azure.net',
      },
    });
  });

  it('rejects an AWS cluster without an IRSA role and says where to add it', () => {
    expect(() => provider(testClusterContext({ identity: { awsRoleArn: '' } }))).toThrow(
      /identity.awsRoleArn is not set.*environments\/dev/,
    );
  });

  it('rejects a GCP cluster whose service account is not an email it can read the project from', () => {
    const ctx = testClusterContext({ cloud: 'gcp', identity: { gcpServiceAccount: 'go-coffee-workloads' } });
    expect(() => provider(ctx)).toThrow(/must be a service account email/);
  });
});
