// The ratchet behind `policy-check --baseline <ref>`: a change fails only on violations it introduces.
// The base side is the same paths as they are at <ref>, checked with the *current* policies, so adopting
// a new policy does not block unrelated changes on debt that already exists, while anything a change
// adds still fails. Findings match on file, policy namespace, rule and message (see policy-findings.ts).
import { realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { repositoryRoot } from '@go-coffee/git-workspace';
import { baselineGit, materializeBaseline } from './baseline-tree';
import {
  diffFindings,
  flattenFindings,
  type PolicyFinding,
  type PolicyResultSet,
  type PolicyVerdict,
} from './policy-findings';

export interface RatchetOptions<R extends PolicyResultSet> {
  /** The base ref, e.g. `origin/main` or a SHA. */
  readonly ref: string;
  /** The paths the current run checked, as given on the command line. */
  readonly paths: readonly string[];
  /** Results of the current run (filenames as the checker reported them, relative to `cwd` or absolute). */
  readonly current: readonly R[];
  /**
   * Checks `paths` with the same policies and flags as the current run, reading each path (and every file
   * below it) from `locate(path)`. The ratchet passes the requested paths that exist at the base, spelled
   * as on the command line, so the base run names files — and cross-document messages that quote a
   * cluster folder — exactly as the current run does.
   */
  readonly check: (paths: readonly string[], locate: (path: string) => string) => readonly PolicyResultSet[];
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Count warnings too (policy-check --fail-on-warn). @default false */
  readonly failOnWarn?: boolean;
}

export interface RatchetOutcome<R extends PolicyResultSet> {
  /** The current results with failures and warnings that also exist at the base removed. */
  readonly results: R[];
  /** Failures and warnings only the current side has. */
  readonly introduced: PolicyFinding[];
  /** Failures and warnings the base has too (not counted). */
  readonly preExisting: PolicyFinding[];
  /** Failures and warnings the base has that the current side fixed. */
  readonly resolved: PolicyFinding[];
  /** conftest's exit code over the introduced findings only. */
  readonly exitCode: number;
  /** One line for stderr, e.g. `ratchet against main (1a2b3c4): 1 new failure, 0 new warnings, 12 pre-existing ignored`. */
  readonly summary: string;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

export function ratchetAgainstBaseline<R extends PolicyResultSet>(options: RatchetOptions<R>): RatchetOutcome<R> {
  const cwd = options.cwd ?? process.cwd();
  const repoRoot = baselineGit(() => repositoryRoot(cwd));
  const baseline = materializeBaseline(options.ref, options.paths, cwd);
  try {
    const baseResults = baseline.requested.length > 0 ? options.check(baseline.requested, baseline.locate) : [];
    // Both runs name files as the command line spelled them, relative to cwd or absolute.
    const realCwd = realpathSync(cwd);
    const toRepo = (filename: string) => relative(repoRoot, resolve(realCwd, filename));
    const gated = (finding: PolicyFinding) => finding.kind === 'failure' || finding.kind === 'warning';
    const base = flattenFindings(baseResults, toRepo).filter(gated);
    const head = flattenFindings(options.current, toRepo).filter(gated);
    const delta = diffFindings(base, head);

    // Keep introduced verdicts in the caller's own result objects, so its formatters work unchanged.
    const budget = new Map<string, number>();
    for (const finding of delta.introduced) budget.set(finding.key, (budget.get(finding.key) ?? 0) + 1);
    const keep = (result: R, kind: 'failure' | 'warning', verdict: PolicyVerdict): boolean => {
      const [finding] = flattenFindings(
        [
          {
            filename: result.filename,
            namespace: result.namespace,
            [kind === 'failure' ? 'failures' : 'warnings']: [verdict],
          },
        ],
        toRepo,
      );
      const left = finding ? (budget.get(finding.key) ?? 0) : 0;
      if (left === 0 || !finding) return false;
      budget.set(finding.key, left - 1);
      return true;
    };
    const results = options.current.map(
      (result) =>
        ({
          ...result,
          failures: (result.failures ?? []).filter((verdict) => keep(result, 'failure', verdict)),
          warnings: (result.warnings ?? []).filter((verdict) => keep(result, 'warning', verdict)),
        }) as R,
    );
    const newFailures = delta.introduced.filter((f) => f.kind === 'failure').length;
    const newWarnings = delta.introduced.filter((f) => f.kind === 'warning').length;
    const failOnWarn = options.failOnWarn ?? false;
    const exitCode = failOnWarn ? (newFailures > 0 ? 2 : newWarnings > 0 ? 1 : 0) : newFailures > 0 ? 1 : 0;
    const summary =
      `ratchet against ${options.ref} (${baseline.commit.slice(0, 12)}): ${plural(newFailures, 'new failure')}, ` +
      `${plural(newWarnings, 'new warning')}, ${delta.persisting.length} pre-existing ignored, ${delta.resolved.length} fixed`;
    return {
      results,
      introduced: delta.introduced,
      preExisting: delta.persisting,
      resolved: delta.resolved,
      exitCode,
      summary,
    };
  } finally {
    baseline.dispose();
  }
}
