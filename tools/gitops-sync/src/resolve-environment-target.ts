// Resolves `--env E --cluster C` to the cluster's rendered folder and kube context through the
// environments loader. Kept in its own module so the CLI loads it (and the schema library behind it)
// only when --env is used: a --path run starts faster without it.
import { loadEnvironment } from '@go-coffee/environments';
import { workspaceRoot } from '@go-coffee/cli';
import { resolve } from 'node:path';

export interface EnvironmentTarget {
  readonly folder: string;
  /** Kubeconfig context: the cluster name unless overridden. */
  readonly context: string;
  /** The folder relative to the workspace, for report titles. */
  readonly label: string;
}

export class UnknownClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownClusterError';
  }
}

export function resolveEnvironmentTarget(
  environment: string,
  clusterName: string,
  cwd: string,
  context?: string,
): EnvironmentTarget {
  const root = workspaceRoot(cwd);
  const loaded = loadEnvironment(environment, { workspaceRoot: root });
  const cluster = loaded.clusters.find((c) => c.name === clusterName);
  if (!cluster) {
    const known = loaded.clusters.map((c) => c.name).join(', ') || 'none';
    const disabled = loaded.disabledClusters.includes(clusterName) ? ' (it is disabled in this environment)' : '';
    throw new UnknownClusterError(
      `environment ${environment} has no enabled cluster "${clusterName}"${disabled}; known: ${known}`,
    );
  }
  return { folder: resolve(root, cluster.gitops.path), context: context ?? cluster.name, label: cluster.gitops.path };
}
