import { ClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer';
import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import type { ClusterContext } from '@go-coffee/environments';
import { testClusterContext } from '@go-coffee/environments/test-support';
import { AcmeClusterIssuer } from './acme-cluster-issuer';

interface Issuer {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { acme: { email: string; server: string; privateKeySecretRef: unknown; solvers: unknown[] } };
}

function issuer(ctx: ClusterContext): Issuer {
  const chart = new Chart(Testing.app(), 'test');
  new AcmeClusterIssuer(chart, 'issuer', { name: 'letsencrypt', ctx });
  return Testing.synth(chart)[0] as Issuer;
}

const gcp = testClusterContext({
  environment: 'staging',
  name: 'staging-gcp-us-central1',
  cloud: 'gcp',
  region: 'us-central1',
  ingress: { className: 'gce', baseDomain: 'staging.go-coffee.com' },
});
const azure = testClusterContext({
  environment: 'prod',
  name: 'prod-azure-eastus',
  cloud: 'azure',
  region: 'eastus',
  ingress: { className: 'webapprouting.kubernetes.azure.com', baseDomain: 'go-coffee.com' },
});

describe('AcmeClusterIssuer', () => {
  it("registers with Let's Encrypt production under the environment's email and keeps the account key in a Secret", () => {
    expect(issuer(testClusterContext()).spec.acme).toMatchObject({
      email: 'platform-engineering@go-coffee.com',
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      privateKeySecretRef: { name: 'letsencrypt-account-key' },
    });
  });

  it("uses Let's Encrypt staging when the environment asks for it", () => {
    const ctx = testClusterContext({ tls: { ...testClusterContext().tls, acmeServer: 'staging' } });
    expect(issuer(ctx).spec.acme.server).toBe('https://acme-staging-v02.api.letsencrypt.org/directory');
  });

  it('answers DNS-01 in the pinned Route 53 zone with ambient IRSA credentials on AWS', () => {
    expect(issuer(testClusterContext()).spec.acme.solvers).toStrictEqual([
      { selector: { dnsZones: ['dev.go-coffee.com'] }, dns01: { route53: { hostedZoneID: 'Z0111111111111111111A' } } },
    ]);
  });

  it("answers DNS-01 in the DNS project's Cloud DNS with GKE Workload Identity on GCP", () => {
    expect(issuer(gcp).spec.acme.solvers).toStrictEqual([
      { selector: { dnsZones: ['staging.go-coffee.com'] }, dns01: { cloudDNS: { project: 'go-coffee-platform' } } },
    ]);
  });

  it("answers DNS-01 in Azure DNS as cert-manager's workload identity on Azure", () => {
    expect(issuer(azure).spec.acme.solvers).toStrictEqual([
      {
        selector: { dnsZones: ['go-coffee.com'] },
        dns01: {
          azureDNS: {
            environment: 'AzurePublicCloud',
            managedIdentity: { clientID: '00000000-0000-0000-0000-0000000000c3' },
            resourceGroupName: 'go-coffee-dns',
            subscriptionID: '00000000-0000-0000-0000-0000000000d5',
          },
        },
      },
    ]);
  });

  it("matches cert-manager's published ClusterIssuer schema on every cloud, Azure included", () => {
    for (const ctx of [testClusterContext(), gcp, azure]) {
      expect(() => new ClusterIssuer(issuer(ctx) as never).validate(), ctx.name).not.toThrow();
    }
  });

  it('holds no credentials: no secret reference besides its own ACME account key', () => {
    for (const ctx of [testClusterContext(), gcp, azure]) {
      const text = JSON.stringify(issuer(ctx).spec.acme.solvers);
      expect(text, ctx.name).not.toMatch(/SecretRef|secretAccessKey|accessKeyID|clientSecret/);
    }
  });

  it('lets Argo CD skip the dry run while the cert-manager CRDs are not installed yet', () => {
    expect(issuer(testClusterContext()).metadata.annotations).toStrictEqual({
      'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
    });
  });

  it.each([
    [
      testClusterContext({ tls: { ...testClusterContext().tls, dns: { identity: {} } } }),
      'ClusterIssuer "letsencrypt" of cluster "dev-aws-us-east-1": clouds.aws.dns.hostedZoneId is not set',
    ],
    [
      testClusterContext({ ...gcp, tls: { ...gcp.tls, dns: { identity: {} } } }),
      'ClusterIssuer "letsencrypt" of cluster "staging-gcp-us-central1": clouds.gcp.dns.project is not set',
    ],
    [
      testClusterContext({ ...azure, tls: { ...azure.tls, dns: { ...azure.tls.dns, resourceGroup: undefined } } }),
      'ClusterIssuer "letsencrypt" of cluster "prod-azure-eastus": clouds.azure.dns.resourceGroup is not set',
    ],
  ])('fails closed with the cluster and the missing setting (%#)', (ctx, message) => {
    expect(() => issuer(ctx)).toThrow(message);
  });
});
