// `npm run ci:pr-shards -- --base <sha> --head <sha>`: the pull-request workflow's shard matrix. The clusters a
// change can affect, grouped by environment (the cluster group) and cut into shards of at most
// `shardSize` clusters; each shard job renders, checks and reports only its clusters.
//   environments/<env>.yaml, environments/images/<env>.yaml   that environment's clusters
//   gitops/<cluster>/…                                        that cluster (a hand edit the stale check must catch)
//   anything that feeds every render or check (apps/, libs/, policies/, tools/, environments/defaults.yaml,
//   package*.json, nx.json, tsconfig*.json)                   every cluster
//   anything else (docs, README, .github/)                    no cluster: the matrix is empty
// Renamed or unknown clusters fall back to every cluster rather than to none: a shard too many costs minutes,
// a shard too few lets a change merge unchecked.
import {
  EnvironmentConfigError,
  loadAllEnvironments,
  parseCloudToggles,
  type LoadedEnvironment,
} from '@go-coffee/environments';
import { git, resolveCommit } from '@go-coffee/git-workspace';
import { CiError, CI_EXIT } from './ci-error';

export interface FleetCluster {
  readonly name: string;
  readonly environment: string;
}

export interface PrShard {
  /** `<environment>-<n>`, unique in the matrix; the job name shows it. */
  readonly shard: string;
  readonly environment: string;
  /** Comma-separated cluster names, as the shard job's --clusters takes them. */
  readonly clusters: string;
}

/** Prefixes whose change can alter what every cluster renders or how it is checked. */
const EVERY_CLUSTER = [
  'apps/',
  'libs/',
  'policies/',
  'tools/',
  'environments/defaults.yaml',
  'environments/schema/',
  'package.json',
  'package-lock.json',
  'nx.json',
  'tsconfig',
];

/** Names of the clusters `changedPaths` can affect, in fleet order. */
export function affectedClusters(changedPaths: readonly string[], fleet: readonly FleetCluster[]): string[] {
  const affected = new Set<string>();
  const all = () => fleet.forEach((cluster) => affected.add(cluster.name));
  for (const path of changedPaths) {
    if (EVERY_CLUSTER.some((prefix) => path.startsWith(prefix))) {
      all();
      continue;
    }
    const environmentFile = /^environments\/(?:images\/)?([^/]+)\.yaml$/.exec(path);
    if (environmentFile) {
      const inEnvironment = fleet.filter((cluster) => cluster.environment === environmentFile[1]);
      if (inEnvironment.length === 0) all();
      inEnvironment.forEach((cluster) => affected.add(cluster.name));
      continue;
    }
    const clusterFolder = /^gitops\/([^/]+)\//.exec(path);
    if (clusterFolder) {
      // A folder of no enabled cluster is extra and fails the stale check; every shard's check sees it.
      if (fleet.some((cluster) => cluster.name === clusterFolder[1])) affected.add(clusterFolder[1]!);
      else all();
    }
  }
  return fleet.map((cluster) => cluster.name).filter((name) => affected.has(name));
}

/** Shards of at most `shardSize` clusters, never mixing environments. */
export function shardClusters(
  clusters: readonly string[],
  fleet: readonly FleetCluster[],
  shardSize: number,
): PrShard[] {
  if (!Number.isInteger(shardSize) || shardSize < 1)
    throw new CiError(`ci pr-shards: --shard-size must be a positive integer, got ${shardSize}`, CI_EXIT.usage);
  const environmentOf = new Map(fleet.map((cluster) => [cluster.name, cluster.environment]));
  const byEnvironment = new Map<string, string[]>();
  for (const name of clusters) {
    const environment = environmentOf.get(name)!;
    byEnvironment.set(environment, [...(byEnvironment.get(environment) ?? []), name]);
  }
  const shards: PrShard[] = [];
  for (const [environment, names] of byEnvironment) {
    for (let start = 0; start < names.length; start += shardSize) {
      shards.push({
        shard: `${environment}-${start / shardSize + 1}`,
        environment,
        clusters: names.slice(start, start + shardSize).join(','),
      });
    }
  }
  return shards;
}

export function fleetOf(environments: readonly LoadedEnvironment[]): FleetCluster[] {
  return environments.flatMap((loaded) =>
    loaded.clusters.map((cluster) => ({ name: cluster.name, environment: loaded.environment })),
  );
}

/** The matrix for `strategy.matrix` from the files the pull request changes. */
export function prShardMatrix(
  root: string,
  env: NodeJS.ProcessEnv,
  options: { readonly base: string; readonly head: string; readonly shardSize: number },
): { include: PrShard[] } {
  let environments;
  try {
    environments = loadAllEnvironments({ workspaceRoot: root, clouds: parseCloudToggles([], env).toggles });
  } catch (error) {
    if (error instanceof EnvironmentConfigError) throw new CiError(error.message, CI_EXIT.usage);
    throw error;
  }
  let changed: string[];
  try {
    const base = resolveCommit(root, options.base);
    const head = resolveCommit(root, options.head);
    changed = git(root, ['diff', '--name-only', '--no-renames', `${base}...${head}`])
      .split('\n')
      .filter(Boolean);
  } catch (error) {
    throw new CiError(`ci pr-shards: ${(error as Error).message}`, CI_EXIT.usage);
  }
  const fleet = fleetOf(environments);
  return { include: shardClusters(affectedClusters(changed, fleet), fleet, options.shardSize) };
}
