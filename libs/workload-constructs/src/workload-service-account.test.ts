import { describe, expect, it } from 'vitest';
import { synthIn } from '../test-support/test-synth';
import { cloudIdentityPodLabels, WorkloadServiceAccount } from './workload-service-account';

const workload = { name: 'user-gateway', component: 'gateway', owner: 'identity', dataClassification: 'gdpr' } as const;

describe('WorkloadServiceAccount', () => {
  it.each([
    ['aws', { awsRoleArn: 'arn:aws:iam::1:role/r' }, { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/r' }],
    [
      'gcp',
      { gcpServiceAccount: 'sa@p.iam.gserviceaccount.com' },
      { 'iam.gke.io/gcp-service-account': 'sa@p.iam.gserviceaccount.com' },
    ],
    ['azure', { azureClientId: '0000-1111' }, { 'azure.workload.identity/client-id': '0000-1111' }],
  ] as const)('annotates the %s identity and never automounts API tokens', (cloud, identity, annotations) => {
    const manifests = synthIn((chart) => new WorkloadServiceAccount(chart, 'sa', { workload, cloud, identity }));
    expect(manifests).toStrictEqual([
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          annotations,
          labels: {
            'app.kubernetes.io/component': 'gateway',
            'app.kubernetes.io/name': 'user-gateway',
            'go-coffee.io/data-classification': 'gdpr',
            'go-coffee.io/owner': 'identity',
          },
          name: 'user-gateway',
          namespace: 'go-coffee',
        },
        automountServiceAccountToken: false,
      },
    ]);
  });

  it('ignores identities of other clouds', () => {
    const [account] = synthIn(
      (chart) =>
        new WorkloadServiceAccount(chart, 'sa', {
          workload,
          cloud: 'gcp',
          identity: { awsRoleArn: 'arn:aws:iam::1:role/r', gcpServiceAccount: 'g@p' },
        }),
    );
    expect(account!.metadata.annotations).toStrictEqual({ 'iam.gke.io/gcp-service-account': 'g@p' });
  });

  it('fails closed when the cluster has no identity for its cloud, naming the field and the cluster', () => {
    expect(() =>
      synthIn(
        (chart) =>
          new WorkloadServiceAccount(chart, 'sa', {
            workload,
            cloud: 'azure',
            identity: { awsRoleArn: 'arn' },
            clusterName: 'prod-azure-eastus',
          }),
      ),
    ).toThrow(
      'ServiceAccount "user-gateway": prod-azure-eastus runs on azure but has no identity.azureClientId; ' +
        "set it in the cluster's environment entry",
    );
  });

  it('asks for the Azure workload-identity pod label only on Azure', () => {
    expect(cloudIdentityPodLabels('azure')).toStrictEqual({ 'azure.workload.identity/use': 'true' });
    expect(cloudIdentityPodLabels('aws')).toStrictEqual({});
    expect(cloudIdentityPodLabels('gcp')).toStrictEqual({});
  });
});
