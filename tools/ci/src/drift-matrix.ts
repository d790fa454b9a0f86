// `npm run ci:drift-matrix`: the drift workflow's matrix, one entry per rendered cluster, from the
// environments loader (never from folder names: a cluster's `name` may be anything). Each entry carries
// what the credential steps pass explicitly: cloud, region, the account / project / subscription and
// resource group, and the kube context name the kubeconfig step creates and gitops-sync reads.
// Fails when a cluster lacks an id its cloud needs, or when gitops/ and the enabled clusters disagree.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  EnvironmentConfigError,
  loadAllEnvironments,
  parseCloudToggles,
  type Cloud,
  type CloudAccount,
  type LoadedEnvironment,
} from '@go-coffee/environments';
import { CiError, CI_EXIT } from './ci-error';

export interface DriftTarget {
  readonly cluster: string;
  readonly environment: string;
  readonly cloud: Cloud;
  readonly region: string;
  /** The kube context the kubeconfig step names and gitops-sync --context reads. */
  readonly context: string;
  readonly awsAccountId?: string;
  readonly gcpProject?: string;
  readonly azureSubscriptionId?: string;
  readonly azureResourceGroup?: string;
}

const NEEDED: Record<Cloud, { field: keyof CloudAccount; setting: string }[]> = {
  aws: [{ field: 'awsAccountId', setting: 'clouds.aws.accountId' }],
  gcp: [{ field: 'gcpProject', setting: 'clouds.gcp.project' }],
  azure: [
    { field: 'azureSubscriptionId', setting: 'clouds.azure.subscriptionId' },
    { field: 'azureResourceGroup', setting: 'clouds.azure.resourceGroup' },
  ],
};

/** One matrix entry per enabled cluster, in environment and file order. */
export function driftTargets(environments: readonly LoadedEnvironment[]): DriftTarget[] {
  const problems: string[] = [];
  const targets: DriftTarget[] = [];
  for (const loaded of environments) {
    for (const cluster of loaded.clusters) {
      const account = cluster.cloudAccount ?? {};
      const missing = NEEDED[cluster.cloud].filter(({ field }) => !account[field]);
      for (const { setting } of missing) {
        problems.push(
          `${cluster.name}: no ${setting}; fix: set it in environments/defaults.yaml or environments/${loaded.environment}.yaml`,
        );
      }
      targets.push({
        cluster: cluster.name,
        environment: loaded.environment,
        cloud: cluster.cloud,
        region: cluster.region,
        context: cluster.name,
        ...account,
      });
    }
  }
  if (problems.length > 0) {
    throw new CiError(
      `drift matrix: the credential steps would have to guess:\n  ${problems.join('\n  ')}`,
      CI_EXIT.usage,
    );
  }
  return targets;
}

/** Cluster folders under gitops/, sorted. */
function renderedClusters(root: string): string[] {
  const gitops = join(root, 'gitops');
  if (!existsSync(gitops)) return [];
  return readdirSync(gitops)
    .filter((name) => statSync(join(gitops, name)).isDirectory())
    .sort();
}

/** The matrix for `strategy.matrix`, checked against the committed tree. */
export function driftMatrix(root: string, env: NodeJS.ProcessEnv): { include: DriftTarget[] } {
  let environments;
  try {
    const { toggles } = parseCloudToggles([], env);
    environments = loadAllEnvironments({ workspaceRoot: root, clouds: toggles });
  } catch (error) {
    if (error instanceof EnvironmentConfigError) throw new CiError(error.message, CI_EXIT.usage);
    throw error;
  }
  const include = driftTargets(environments);
  const enabled = new Set(include.map((target) => target.cluster));
  const folders = renderedClusters(root);
  const unrendered = [...enabled].filter((name) => !folders.includes(name)).sort();
  const orphaned = folders.filter((name) => !enabled.has(name));
  if (unrendered.length > 0 || orphaned.length > 0) {
    throw new CiError(
      'drift matrix: gitops/ and the enabled clusters disagree' +
        (unrendered.length > 0 ? `; enabled but not rendered: ${unrendered.join(', ')}` : '') +
        (orphaned.length > 0 ? `; rendered but not enabled: ${orphaned.join(', ')}` : '') +
        '; fix: npm run render (with the same ENABLE_<CLOUD> settings) and commit gitops/',
      CI_EXIT.usage,
    );
  }
  return { include };
}
