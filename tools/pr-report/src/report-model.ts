// The report as data, before any Markdown: per environment and cluster, the object changes, the policy
// delta and the Argo CD sync plan. Pure: everything it needs is passed in, so it is tested without git.
import type { ChangePicture } from '@go-coffee/cluster-diagram';
import { diffFindings, flattenFindings, type PolicyFinding, type PolicyResultSet } from '@go-coffee/policy-baseline';
import { describeSource, type ObjectSource } from '@go-coffee/source-map';
import { planSync, type ApplicationPlan } from './argo-sync-plan';
import { clusterChangePicture } from './cluster-change-picture';
import type { GitopsSnapshot } from './gitops-snapshot';
import { diffSnapshots, type ObjectChange } from './manifest-delta';
import { describeExceptions, type ExceptedFinding, type ExceptionEntry } from './policy-exceptions';

export interface SideInfo {
  readonly ref: string;
  readonly commit: string;
  /** How the side's tree was obtained: rendered by its own code, or its committed tree. */
  readonly tree: 'rendered' | 'committed';
  readonly snapshot: GitopsSnapshot;
  /** policy-check JSON of the side; undefined when the side has no policy gate. */
  readonly policy?: readonly PolicyResultSet[];
  readonly policyNote?: string;
  readonly exceptions: readonly ExceptionEntry[];
  /** The side's source map (gitops-source-map/): rendered path → where the object comes from. @default none */
  readonly sources?: ReadonlyMap<string, ObjectSource>;
}

export interface PolicyDelta {
  readonly introduced: PolicyFinding[];
  readonly fixed: PolicyFinding[];
  readonly persisting: PolicyFinding[];
  readonly excepted: (ExceptedFinding & { readonly isNew: boolean })[];
}

export interface ClusterReport {
  readonly environment: string;
  readonly cluster: string;
  readonly changes: ObjectChange[];
  readonly policy: PolicyDelta;
  readonly applications: ApplicationPlan[];
  /**
   * Where to edit, for each changed object (by path) and policy finding (by key): the environments/ line of a
   * configuration value the diff or message names, else the construct's line. Absent without a source map.
   */
  readonly origins: Readonly<Record<string, string>>;
  /** Mermaid picture of the changed subgraph; undefined when no object changed. */
  readonly picture?: ChangePicture;
}

export interface ReportModel {
  readonly base: Omit<SideInfo, 'snapshot' | 'policy' | 'exceptions'>;
  readonly head: Omit<SideInfo, 'snapshot' | 'policy' | 'exceptions'>;
  /** Clusters with any change or policy finding, ordered by environment then name. */
  readonly clusters: ClusterReport[];
  /** Clusters present on either side with nothing to report. */
  readonly unchangedClusters: string[];
  /** Findings about files outside gitops/ (e.g. an expired exception in policies/data.yaml). */
  readonly repository: PolicyDelta;
}

const ENVIRONMENT_ORDER = ['dev', 'staging', 'prod'];

/** Environment of a cluster folder: the longest known environment name it starts with (`prod-aws-…` → prod). */
export function environmentOf(cluster: string, environments: readonly string[]): string {
  const match = [...environments].sort((a, b) => b.length - a.length).find((name) => cluster.startsWith(`${name}-`));
  return match ?? 'other';
}

function environmentRank(name: string): number {
  const index = ENVIRONMENT_ORDER.indexOf(name);
  return index < 0 ? ENVIRONMENT_ORDER.length : index;
}

const clusterOfFile = (file: string): string | undefined =>
  file.startsWith('gitops/') ? file.split('/')[1] : undefined;

function policyDelta(
  base: readonly PolicyFinding[],
  head: readonly PolicyFinding[],
  exceptions: readonly ExceptedFinding[],
  baseExceptionKeys: ReadonlySet<string>,
): PolicyDelta {
  const delta = diffFindings(base, head);
  return {
    introduced: delta.introduced,
    fixed: delta.resolved,
    persisting: delta.persisting,
    excepted: exceptions.map((entry) => ({ ...entry, isNew: !baseExceptionKeys.has(entry.finding.key) })),
  };
}

export function buildReportModel(base: SideInfo, head: SideInfo, environments: readonly string[]): ReportModel {
  const changes = diffSnapshots(base.snapshot, head.snapshot);
  const plans = planSync(base.snapshot, head.snapshot, changes);
  const baseFindings = flattenFindings(base.policy ?? []);
  const headFindings = flattenFindings(head.policy ?? []);
  const gated = (finding: PolicyFinding) => finding.kind !== 'exception';
  const headExceptions = describeExceptions(headFindings, head.exceptions, head.snapshot);
  const baseExceptionKeys = new Set(
    baseFindings.filter((finding) => finding.kind === 'exception').map((finding) => finding.key),
  );

  const clusterNames = new Set<string>();
  for (const snapshot of [base.snapshot, head.snapshot])
    for (const file of snapshot.values()) if (file.cluster) clusterNames.add(file.cluster);
  const inCluster = (cluster: string | undefined) => (finding: { file: string } | { finding: PolicyFinding }) =>
    clusterOfFile('file' in finding ? finding.file : finding.finding.file) === cluster;

  // Head first: the change is edited there; a removed object is only in the base's map.
  const sourceOf = (path: string) => head.sources?.get(path) ?? base.sources?.get(path);
  const originsOf = (cluster: string, delta: PolicyDelta): Record<string, string> => {
    const origins: Record<string, string> = {};
    for (const change of changes.filter((entry) => entry.cluster === cluster)) {
      const source = sourceOf(change.path);
      if (source) origins[change.path] = describeSource(source, change.diff);
    }
    for (const finding of [...delta.introduced, ...delta.fixed, ...delta.persisting]) {
      const source = sourceOf(finding.file);
      if (source) origins[finding.key] = describeSource(source, finding.msg);
    }
    return origins;
  };

  const clusters: ClusterReport[] = [];
  const unchangedClusters: string[] = [];
  for (const cluster of [...clusterNames].sort()) {
    const policy = policyDelta(
      baseFindings.filter(gated).filter(inCluster(cluster)),
      headFindings.filter(gated).filter(inCluster(cluster)),
      headExceptions.filter(inCluster(cluster)),
      baseExceptionKeys,
    );
    const report: ClusterReport = {
      environment: environmentOf(cluster, environments),
      cluster,
      changes: changes.filter((change) => change.cluster === cluster),
      policy,
      applications: plans.filter((plan) => plan.cluster === cluster),
      origins: originsOf(cluster, policy),
    };
    const picture = report.changes.length > 0 ? clusterChangePicture(base.snapshot, head.snapshot, cluster) : undefined;
    if (picture) Object.assign(report, { picture });
    const quiet =
      report.changes.length === 0 &&
      policy.introduced.length + policy.fixed.length + policy.persisting.length + policy.excepted.length === 0;
    if (quiet) unchangedClusters.push(cluster);
    else clusters.push(report);
  }
  clusters.sort(
    (a, b) =>
      environmentRank(a.environment) - environmentRank(b.environment) ||
      a.environment.localeCompare(b.environment) ||
      a.cluster.localeCompare(b.cluster),
  );
  const outside = (finding: { file: string } | { finding: PolicyFinding }) =>
    clusterOfFile('file' in finding ? finding.file : finding.finding.file) === undefined;
  const strip = ({ ref, commit, tree, policyNote }: SideInfo) => ({ ref, commit, tree, policyNote });
  return {
    base: strip(base),
    head: strip(head),
    clusters,
    unchangedClusters,
    repository: policyDelta(
      baseFindings.filter(gated).filter(outside),
      headFindings.filter(gated).filter(outside),
      headExceptions.filter(outside),
      baseExceptionKeys,
    ),
  };
}
