// One ref of the pull request checked out for its own tools: a linked worktree (@go-coffee/git-workspace)
// with the ref's name kept for messages, and git failures mapped to pr-report's exit codes.
import {
  addLinkedWorktree,
  GitError,
  repositoryRoot,
  resolveCommit,
  type LinkedWorktree,
} from '@go-coffee/git-workspace';

export class PrReportError extends Error {
  constructor(
    message: string,
    /** 2 usage or unknown ref, 3 a ref failed to render or check. */
    readonly exitCode: 2 | 3,
  ) {
    super(message);
    this.name = 'PrReportError';
  }
}

/** A git failure here is the caller's input (an unknown ref, not a repository): exit 2. */
function asUsageError<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof GitError) throw new PrReportError(error.message, 2);
    throw error;
  }
}

/** The repository holding `cwd`. */
export function reportRepositoryRoot(cwd: string): string {
  return asUsageError(() => repositoryRoot(cwd));
}

/** Full SHA of a ref, or a usage error naming the ref and the usual cause. */
export function resolveRef(repoRoot: string, ref: string): string {
  return asUsageError(() => resolveCommit(repoRoot, ref));
}

export interface RefWorktree extends LinkedWorktree {
  readonly ref: string;
}

export function addRefWorktree(repoRoot: string, ref: string): RefWorktree {
  const commit = resolveRef(repoRoot, ref);
  const worktree = asUsageError(() => addLinkedWorktree(repoRoot, commit, { prefix: 'pr-report-worktree-' }));
  return { ...worktree, ref };
}
