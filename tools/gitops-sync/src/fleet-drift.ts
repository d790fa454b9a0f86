// `gitops-sync drift --all`: drift of every cluster folder under the gitops root against the kube context of
// the same name, a bounded number of clusters at a time, in one combined report with one exit code. A cluster
// that cannot be checked (no such context, API refused, a manifest the API server would reject) is reported
// as an error and makes the whole run exit 2, never a partial "in sync"; the other clusters are still checked
// so one run shows the whole fleet.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  KubeApiClient,
  detectClusterDrift,
  formatDriftReport,
  hasDrift,
  loadKubeconfig,
  loadRenderedTree,
  type ClusterDriftReport,
  type OutputFormat,
} from '@go-coffee/drift';
import type { IgnoreRulesFile } from '@go-coffee/ignore-rules';

/** The gitops root cannot be read as a fleet; the message names the folder and the fix. */
export class FleetDriftError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FleetDriftError';
  }
}

export const FLEET_EXIT = { inSync: 0, drift: 1, error: 2 } as const;

export interface FleetDriftOptions {
  /** Folder holding one sub-folder per cluster (gitops/). */
  readonly root: string;
  /** Report label of the root, e.g. `gitops`. */
  readonly label: string;
  readonly kubeconfigPaths?: readonly string[];
  readonly rules: Pick<IgnoreRulesFile, 'rules' | 'mustNotExist'>;
  /** Clusters checked at the same time. */
  readonly clusterConcurrency: number;
  /** Requests in flight per cluster. */
  readonly requestConcurrency: number;
  readonly strict: boolean;
  readonly format: OutputFormat;
}

interface ClusterOutcome {
  readonly cluster: string;
  readonly status: 'in-sync' | 'drift' | 'error';
  readonly report?: ClusterDriftReport;
  readonly error?: string;
  readonly seconds: number;
}

/** Cluster folders under `root`, sorted; each name is also the kube context. */
export function fleetClusters(root: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new FleetDriftError(`drift --all: ${root} is not a folder; pass --path <gitops root> (default gitops)`);
  const clusters = readdirSync(root)
    .filter((entry) => !entry.startsWith('.') && statSync(join(root, entry)).isDirectory())
    .sort();
  if (clusters.length === 0)
    throw new FleetDriftError(`drift --all: ${root} holds no cluster folders; run npm run render`);
  return clusters;
}

async function checkCluster(cluster: string, options: FleetDriftOptions): Promise<ClusterOutcome> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  let client: KubeApiClient | undefined;
  try {
    const desired = loadRenderedTree(join(options.root, cluster));
    const creds = loadKubeconfig({
      ...(options.kubeconfigPaths ? { paths: options.kubeconfigPaths } : {}),
      context: cluster,
    });
    client = new KubeApiClient(creds, { maxSockets: options.requestConcurrency });
    const report = await detectClusterDrift({
      desired,
      reader: client,
      ignoreRules: options.rules.rules,
      mustNotExist: options.rules.mustNotExist,
      concurrency: options.requestConcurrency,
    });
    if (options.strict && report.notSearched.length > 0)
      return {
        cluster,
        status: 'error',
        report,
        error: `--strict: ${report.notSearched.length} kind(s) could not be searched for orphans; grant "list" on them or drop --strict`,
        seconds: seconds(),
      };
    return { cluster, status: hasDrift(report) ? 'drift' : 'in-sync', report, seconds: seconds() };
  } catch (error) {
    return {
      cluster,
      status: 'error',
      error: error instanceof Error ? error.message : String(error),
      seconds: seconds(),
    };
  } finally {
    client?.close();
  }
}

/** Runs `worker` over `items` with at most `limit` at a time; results in the order of `items`. */
async function boundedMap<T, R>(items: readonly T[], limit: number, worker: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function formatFleet(outcomes: readonly ClusterOutcome[], options: FleetDriftOptions): string {
  const count = (status: ClusterOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const summary = `clusters=${outcomes.length} in-sync=${count('in-sync')} drift=${count('drift')} errors=${count('error')}`;
  const title = (cluster: string) => `${options.label}/${cluster} vs context ${cluster}`;
  if (options.format === 'json') {
    const clusters = outcomes.map((o) => ({
      cluster: o.cluster,
      context: o.cluster,
      status: o.status,
      seconds: Number(o.seconds.toFixed(2)),
      ...(o.error ? { error: o.error } : {}),
      ...(o.report
        ? { report: JSON.parse(formatDriftReport(o.report, { title: title(o.cluster) }, 'json')) as unknown }
        : {}),
    }));
    const totals = {
      clusters: outcomes.length,
      inSync: count('in-sync'),
      drift: count('drift'),
      errors: count('error'),
    };
    return `${JSON.stringify({ title: `${options.label} (all clusters)`, inSync: totals.inSync === outcomes.length, summary: totals, clusters }, null, 2)}\n`;
  }
  const sections = outcomes.map((o) => {
    const body = o.report ? formatDriftReport(o.report, { title: title(o.cluster) }, options.format) : '';
    const error = o.error ? `${options.format === 'markdown' ? '**Error:** ' : 'error: '}${o.error}\n` : '';
    return options.format === 'markdown' && !o.report ? `## ${title(o.cluster)}\n\n${error}` : `${body}${error}`;
  });
  const verdict = count('error') > 0 ? 'errors' : count('drift') > 0 ? 'drift found' : 'in sync';
  return `${sections.join('\n')}\n${options.format === 'markdown' ? '**Fleet:** ' : 'fleet '}${verdict}: ${summary}\n`;
}

/** Checks every cluster; returns the combined report and the exit code (2 if any errored, else 1 if any drifted). */
export async function runFleetDrift(options: FleetDriftOptions): Promise<{ output: string; exitCode: number }> {
  const clusters = fleetClusters(options.root);
  const outcomes = await boundedMap(clusters, options.clusterConcurrency, (cluster) => checkCluster(cluster, options));
  const exitCode = outcomes.some((o) => o.status === 'error')
    ? FLEET_EXIT.error
    : outcomes.some((o) => o.status === 'drift')
      ? FLEET_EXIT.drift
      : FLEET_EXIT.inSync;
  return { output: formatFleet(outcomes, options), exitCode };
}
