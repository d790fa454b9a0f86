import { testClusterContext } from '@go-coffee/environments/test-support';
import { describe, expect, it } from 'vitest';
import {
  certManagerIdentity,
  externalSecretsIdentity,
  objectStorageIdentity,
  workloadIdentityAnnotations,
} from './workload-identity-annotations';

describe('workload identity annotations', () => {
  it("binds a chart's service account to the cluster's identity", () => {
    const ctx = testClusterContext();
    expect(workloadIdentityAnnotations(ctx, externalSecretsIdentity(ctx))).toStrictEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::111111111111:role/go-coffee-dev-workloads',
    });
  });

  it('names the cluster, the missing setting, who needs it and where to set it', () => {
    const ctx = { ...testClusterContext(), identity: {} };
    expect(() => workloadIdentityAnnotations(ctx, objectStorageIdentity(ctx))).toThrow(
      'cluster "dev-aws-us-east-1" (aws): identity.awsRoleArn is not set, but the monitoring stack needs it to ' +
        'reach object storage; add it to the cluster in environments/dev',
    );
    expect(() => workloadIdentityAnnotations(ctx, externalSecretsIdentity(ctx))).toThrow(
      "identity.awsRoleArn is not set, but External Secrets needs it to read the cloud's secret manager",
    );
  });

  it("takes cert-manager's identity from the cloud's DNS settings", () => {
    const ctx = testClusterContext();
    expect(certManagerIdentity(ctx).setting).toBe('clouds.aws.dns.identity');
    expect(certManagerIdentity(ctx).identity).toBe(ctx.tls.dns.identity);
  });
});
