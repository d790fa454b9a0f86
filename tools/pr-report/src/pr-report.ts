// Builds the report for a pull request from git alone: each ref is checked out into its own temporary
// worktree, rendered by that ref's own `npm run render`, checked by its own policy gate, then the
// two trees and policy results are compared.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSourceMap, SourceMapError } from '@go-coffee/source-map';
import { readGitopsSnapshot } from './gitops-snapshot';
import { readExceptionEntries } from './policy-exceptions';
import { checkRefPolicies, renderRef } from './ref-checks';
import { addRefWorktree, PrReportError, reportRepositoryRoot, resolveRef } from './ref-worktree';
import { buildReportModel, type ReportModel, type SideInfo } from './report-model';

export interface PrReportOptions {
  /** Any directory inside the repository. */
  readonly cwd: string;
  readonly base: string;
  readonly head: string;
  /** Render each ref with its own code. `false` compares the committed trees. @default true */
  readonly render?: boolean;
  /** Run each ref's policy gate. @default true */
  readonly policy?: boolean;
  /** Progress lines (stderr in the CLI). */
  readonly progress?: (line: string) => void;
}

function environmentNames(root: string): string[] {
  const dir = join(root, 'environments');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => name.replace(/\.ya?ml$/, ''))
    .filter((name) => name !== 'defaults')
    .sort();
}

/** The ref's source map; a ref from before source maps has none, so its objects are named by file only. */
function readSideSourceMap(ref: string, root: string) {
  try {
    return readSourceMap(root);
  } catch (error) {
    if (error instanceof SourceMapError) throw new PrReportError(`${ref}: ${error.message}`, 3);
    throw error;
  }
}

async function collectSide(
  repoRoot: string,
  ref: string,
  options: PrReportOptions,
): Promise<SideInfo & { environments: string[] }> {
  const progress = options.progress ?? (() => undefined);
  const worktree = addRefWorktree(repoRoot, ref);
  try {
    progress(
      `${ref} (${worktree.commit.slice(0, 12)}): ${options.render === false ? 'using the committed tree' : 'rendering'}`,
    );
    const tree = options.render === false ? 'committed' : await renderRef(worktree);
    const snapshot = readGitopsSnapshot(worktree.path);
    let policy: SideInfo['policy'];
    let policyNote: string | undefined;
    if (options.policy !== false) {
      progress(`${ref}: policy check`);
      const checked = await checkRefPolicies(worktree);
      policy = checked.results;
      policyNote = checked.note;
    }
    return {
      ref,
      commit: worktree.commit,
      tree,
      snapshot,
      policy,
      policyNote,
      exceptions: readExceptionEntries(worktree.path),
      sources: readSideSourceMap(ref, worktree.path),
      environments: environmentNames(worktree.path),
    };
  } finally {
    worktree.dispose();
  }
}

export async function generatePrReport(options: PrReportOptions): Promise<ReportModel> {
  const repoRoot = reportRepositoryRoot(options.cwd);
  // Unknown refs fail before any worktree exists.
  resolveRef(repoRoot, options.base);
  resolveRef(repoRoot, options.head);
  // Both sides at once: rendering is mostly process start-up and I/O, so two cores overlap it well.
  // allSettled, so a failing side never leaves the other one running after we return.
  const [baseSide, headSide] = await Promise.allSettled([
    collectSide(repoRoot, options.base, options),
    collectSide(repoRoot, options.head, options),
  ]);
  if (baseSide.status === 'rejected') throw baseSide.reason;
  if (headSide.status === 'rejected') throw headSide.reason;
  const [base, head] = [baseSide.value, headSide.value];
  const environments = [...new Set([...base.environments, ...head.environments])];
  return buildReportModel(base, head, environments);
}
