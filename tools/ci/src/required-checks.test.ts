// Branch protection names checks by the job names the workflows produce. A renamed job, a matrix that
// appends its values to the name, a job-level `if` (a skipped job counts as passing) or a path filter on
// the trigger (the check never starts) each silently disarm a required check. This renders every
// workflow's check names for a pull request against main and compares them with branch protection.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';
import { loadAllEnvironments } from '@go-coffee/environments';
import { driftMatrix } from './drift-matrix';
import { affectedClusters, fleetOf, shardClusters } from './pr-shards';

interface Job {
  readonly name?: string;
  readonly if?: string | boolean;
  readonly needs?: string | string[];
  readonly strategy?: { readonly matrix?: unknown };
}
interface Workflow {
  readonly on: unknown;
  readonly jobs: Record<string, Job>;
}
interface CheckRun {
  readonly workflow: string;
  readonly job: string;
  /** The check name GitHub reports, or undefined when it depends on runtime values. */
  readonly name: string | undefined;
  readonly conditional: boolean;
  readonly dependsOn: readonly string[];
}

const root = workspaceRoot();
const protection = JSON.parse(readFileSync(join(root, '.github/branch-protection/main.json'), 'utf8')) as {
  required_status_checks: { strict: boolean; checks: { context: string; app_id: number }[] };
};
const required = protection.required_status_checks.checks.map((check) => check.context).sort();
const workflows = readdirSync(join(root, '.github/workflows'))
  .filter((file) => /\.ya?ml$/.test(file))
  .sort()
  .map((file) => ({ file, workflow: parse(readFileSync(join(root, '.github/workflows', file), 'utf8')) as Workflow }));

/** The `pull_request` trigger of a workflow, or undefined when it does not run on pull requests. */
function pullRequestTrigger(on: unknown): Record<string, unknown> | undefined {
  if (on === 'pull_request') return {};
  if (Array.isArray(on)) return on.includes('pull_request') ? {} : undefined;
  if (on && typeof on === 'object' && 'pull_request' in on) {
    return ((on as Record<string, unknown>).pull_request ?? {}) as Record<string, unknown>;
  }
  return undefined;
}

/** Static matrix combinations (include entries only add combinations here); undefined for a runtime matrix. */
function matrixCombinations(matrix: unknown): Record<string, unknown>[] | undefined {
  if (matrix === undefined) return [{}];
  if (typeof matrix === 'string') return undefined;
  const { include, exclude: _exclude, ...axes } = matrix as Record<string, unknown>;
  let combinations: Record<string, unknown>[] = [{}];
  for (const [axis, values] of Object.entries(axes)) {
    if (!Array.isArray(values)) return undefined;
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [axis]: value })));
  }
  if (!Array.isArray(include)) return combinations;
  // Without axes, the include entries are the combinations.
  return Object.keys(axes).length === 0
    ? (include as Record<string, unknown>[])
    : [...combinations, ...(include as Record<string, unknown>[])];
}

/** The check runs a workflow's jobs produce, named as GitHub names them. */
function checkRuns(file: string, workflow: Workflow, runtimeMatrix?: unknown): CheckRun[] {
  return Object.entries(workflow.jobs).flatMap(([key, job]) => {
    const base = job.name ?? key;
    const matrix = job.strategy?.matrix;
    const combinations = matrixCombinations(typeof matrix === 'string' && runtimeMatrix ? runtimeMatrix : matrix);
    const common = {
      workflow: file,
      job: key,
      conditional: job.if !== undefined,
      dependsOn: typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []),
    };
    if (combinations === undefined) return [{ ...common, name: undefined }];
    return combinations.map((combination) => {
      if (base.includes('${{')) {
        const rendered = base.replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_, axis: string) => String(combination[axis]));
        return { ...common, name: rendered.includes('${{') ? undefined : rendered };
      }
      const values = Object.values(combination);
      // GitHub appends the matrix values to a name that does not use them.
      return { ...common, name: values.length === 0 ? base : `${base} (${values.map(String).join(', ')})` };
    });
  });
}

const onPullRequests = workflows.filter(({ workflow }) => pullRequestTrigger(workflow.on) !== undefined);
const runs = onPullRequests.flatMap(({ file, workflow }) => checkRuns(file, workflow));

describe('required checks and the workflows that produce them', () => {
  it('renders the pull-request check names of every workflow', () => {
    expect(runs.map((run) => `${run.workflow}: ${run.name}`).sort()).toStrictEqual([
      'ci.yml: affected',
      'ci.yml: policy main',
      'ci.yml: toolchain cache',
      'pull-request.yml: pr-affected',
      'pull-request.yml: pr-comment',
      'pull-request.yml: pr-policy-gate',
      'pull-request.yml: pr-report',
      'pull-request.yml: pr-shards',
      'pull-request.yml: undefined',
    ]);
  });

  it('has each required check produced by exactly one pull-request job that always runs', () => {
    for (const context of required) {
      const producers = runs.filter((run) => run.name === context);
      expect(
        producers.map((run) => `${run.workflow}:${run.job}`),
        context,
      ).toHaveLength(1);
      const [producer] = producers;
      // A skipped job reports success, so a condition on a required job can wave a change through.
      expect(producer!.conditional, `${context} has a job-level if`).toBe(false);
      expect(producer!.dependsOn, `${context} waits for other jobs`).toStrictEqual([]);
    }
  });

  it('starts every required check on every pull request to main (no path filters, no other branches only)', () => {
    for (const { file, workflow } of onPullRequests) {
      if (!runs.some((run) => run.workflow === file && required.includes(run.name ?? ''))) continue;
      const trigger = pullRequestTrigger(workflow.on)!;
      expect(trigger.paths, file).toBeUndefined();
      expect(trigger['paths-ignore'], file).toBeUndefined();
      const branches = trigger.branches as string[] | undefined;
      if (branches !== undefined) expect(branches, file).toContain('main');
    }
  });

  it('requires the strict, GitHub Actions-reported checks that docs/branch-protection.md lists', () => {
    expect(protection.required_status_checks.strict).toBe(true);
    // 15368 is the GitHub Actions app: a status from any other app or token cannot satisfy the check.
    expect(new Set(protection.required_status_checks.checks.map((check) => check.app_id))).toStrictEqual(
      new Set([15368]),
    );
    const docs = readFileSync(join(root, 'docs/branch-protection.md'), 'utf8');
    const table = docs.slice(
      docs.indexOf('## Required checks'),
      docs.indexOf('\n## ', docs.indexOf('## Required checks') + 1),
    );
    const documented = [...table.matchAll(/^\| `([^`]+)` +\|/gm)].map((match) => match[1]).sort();
    expect(documented).toStrictEqual(required);
  });

  it('names each drift job after its cluster, from the matrix the environments loader builds', () => {
    const drift = workflows.find(({ file }) => file === 'drift.yml')!;
    expect(drift.workflow.jobs.drift!.strategy!.matrix).toBe('${{ fromJSON(needs.clusters.outputs.matrix) }}');
    const matrix = driftMatrix(root, {});
    const names = checkRuns('drift.yml', drift.workflow, matrix).map((run) => run.name);
    expect(names).toStrictEqual(['list clusters', ...matrix.include.map((target) => `drift ${target.cluster}`)]);
    expect(names.filter((name) => required.includes(name ?? ''))).toStrictEqual([]);
  });

  it('never marks a job whose name depends on runtime values as required (its name is unknown until it runs)', () => {
    const dynamic = workflows
      .flatMap(({ file, workflow }) => checkRuns(file, workflow))
      .filter((run) => run.name === undefined);
    expect(dynamic.map((run) => `${run.workflow}:${run.job}`)).toStrictEqual([
      'drift.yml:drift',
      'pull-request.yml:shard',
    ]);
  });

  it('names each pull-request shard job after its shard, from the matrix ci:pr-shards computes', () => {
    const pr = workflows.find(({ file }) => file === 'pull-request.yml')!;
    expect(pr.workflow.jobs.shard!.strategy!.matrix).toBe('${{ fromJSON(needs.shards.outputs.matrix) }}');
    const fleet = fleetOf(loadAllEnvironments({ workspaceRoot: root }));
    const matrix = { include: shardClusters(affectedClusters(['libs/render-kit/src/index.ts'], fleet), fleet, 25) };
    const names = checkRuns('pull-request.yml', pr.workflow, matrix)
      .filter((run) => run.job === 'shard')
      .map((run) => run.name);
    expect(names).toStrictEqual(matrix.include.map((shard) => `pr-shard ${shard.shard}`));
    expect(names.filter((name) => required.includes(name ?? ''))).toStrictEqual([]);
    // The comment merges every shard, so it waits for them and for the report.
    expect(pr.workflow.jobs.comment!.needs).toStrictEqual(['report', 'shards', 'shard']);
  });
});
