// A complete, valid ClusterContext for unit tests of render areas, so area tests do not depend on the
// environment files or the loader. Values mirror environments/defaults.yaml for a dev AWS cluster.
import { SERVICE_NAMES } from '../src/cluster-context';
import type { ClusterContext, ImageRef, ServiceName } from '../src/cluster-context';

/** Pinned default tag of every service image in fixtures. */
export const TEST_IMAGE_TAG = '1.0.0';

function defaultImages(): Record<ServiceName, ImageRef> {
  return Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, { repository: `ghcr.io/go-coffee/${service}`, tag: TEST_IMAGE_TAG }]),
  ) as Record<ServiceName, ImageRef>;
}

/** Deep-partial overrides; nested objects are merged, arrays and scalars replaced. */
export type ClusterContextOverrides = {
  readonly [K in keyof ClusterContext]?: ClusterContext[K] extends object
    ? Partial<ClusterContext[K]>
    : ClusterContext[K];
};

/**
 * GIVEN-style fixture: a dev cluster on AWS us-east-1 unless overridden. Changing `environment` alone does not
 * change `dataMode`; pass both when a test depends on them.
 */
export function testClusterContext(overrides: ClusterContextOverrides = {}): ClusterContext {
  const base: ClusterContext = {
    environment: 'dev',
    name: 'dev-aws-us-east-1',
    cloud: 'aws',
    region: 'us-east-1',
    kubernetesVersion: '1.34',
    ingress: { className: 'alb', baseDomain: 'dev.go-coffee.com' },
    storageClass: 'gp3',
    identity: { awsRoleArn: 'arn:aws:iam::111111111111:role/go-coffee-dev-workloads' },
    // Every cloud's DNS settings, so a test that switches `cloud` still has a complete context.
    tls: {
      acmeEmail: 'platform-engineering@go-coffee.com',
      acmeServer: 'production',
      dns: {
        hostedZoneId: 'Z0111111111111111111A',
        project: 'go-coffee-platform',
        subscriptionId: '00000000-0000-0000-0000-0000000000d5',
        resourceGroup: 'go-coffee-dns',
        identity: {
          awsRoleArn: 'arn:aws:iam::111111111111:role/go-coffee-dev-cert-manager',
          gcpServiceAccount: 'cert-manager-dev@go-coffee-platform.iam.gserviceaccount.com',
          azureClientId: '00000000-0000-0000-0000-0000000000c3',
        },
      },
    },
    sizing: { name: 'small', minReplicas: 1, maxReplicas: 3, resourceScale: 1 },
    images: defaultImages(),
    gitops: {
      repoURL: 'https://github.com/go-coffee/go-coffee-gitops.git',
      targetRevision: 'main',
      path: 'gitops/dev-aws-us-east-1',
    },
    dataMode: 'in-cluster',
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = (base as unknown as Record<string, unknown>)[key];
    merged[key] =
      value !== null && typeof value === 'object' && !Array.isArray(value) && typeof current === 'object'
        ? { ...(current as object), ...(value as object) }
        : value;
  }
  if (overrides.name !== undefined && overrides.gitops?.path === undefined) {
    merged.gitops = { ...(merged.gitops as object), path: `gitops/${overrides.name}` };
  }
  return merged as unknown as ClusterContext;
}
