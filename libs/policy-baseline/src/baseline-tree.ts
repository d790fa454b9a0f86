// Materializes files as they were at a git ref, without touching the working tree or the index:
// `git archive <ref> -- <paths>` unpacked into a temporary directory. Used by the ratchet to check the
// base side with the same policies as the change under review.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { archiveAt, git, GitError, repositoryRoot, resolveCommit } from '@go-coffee/git-workspace';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** Runs a git step of the baseline; its failure (an unknown ref, a git error) becomes a BaselineError. */
export function baselineGit<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof GitError) throw new BaselineError(error.message);
    throw error;
  }
}

export interface BaselineTree {
  /** Directory standing in for the repository root at the ref. */
  readonly root: string;
  /** The requested paths that exist at the ref, as absolute paths under `root`. */
  readonly paths: readonly string[];
  /** The requested paths that exist at the ref, spelled as the caller gave them. */
  readonly requested: readonly string[];
  /**
   * Where a path (as the caller spells it, relative to `cwd` or absolute, or anything below one) is in
   * the materialized tree: checking `requested` through `locate` names files exactly like a check of the
   * working tree, which is what makes findings (and messages that quote paths) comparable.
   */
  locate(path: string): string;
  /** Repository-relative form of each requested path that exists at the ref. */
  readonly repoPaths: readonly string[];
  readonly commit: string;
  dispose(): void;
}

/**
 * Writes the files under `paths` (relative to `cwd`, or absolute inside the repository) as they are at
 * `ref` into a temporary directory. Paths that do not exist at the ref are left out; when none exists,
 * `paths` is empty (the caller decides what an empty baseline means).
 */
export function materializeBaseline(ref: string, paths: readonly string[], cwd: string = process.cwd()): BaselineTree {
  const repoRoot = baselineGit(() => repositoryRoot(cwd));
  const commit = baselineGit(() => resolveCommit(cwd, ref));
  // git reports the root with symlinks resolved; resolve cwd the same way so relative() stays inside.
  const realCwd = realpathSync(cwd);
  const inRepository = (path: string): string => {
    const absolute = isAbsolute(path) ? path : resolve(realCwd, path);
    return relative(repoRoot, existsSync(absolute) ? realpathSync(absolute) : absolute);
  };
  const repoPaths: string[] = [];
  const requested: string[] = [];
  for (const path of paths) {
    const inRepo = inRepository(path);
    if (inRepo.startsWith('..') || isAbsolute(inRepo)) {
      throw new BaselineError(`${path} is outside the repository ${repoRoot}; fix: check paths inside the repository`);
    }
    const spec = inRepo === '' ? '.' : inRepo;
    const listed = baselineGit(() => git(repoRoot, ['ls-tree', '-r', '--name-only', commit, '--', spec]));
    if (listed.trim() !== '') {
      repoPaths.push(spec);
      requested.push(path);
    }
  }
  const root = mkdtempSync(join(tmpdir(), 'policy-baseline-'));
  const dispose = () => rmSync(root, { recursive: true, force: true });
  try {
    if (repoPaths.length > 0) {
      const archive = baselineGit(() => archiveAt(repoRoot, commit, repoPaths));
      const untar = spawnSync('tar', ['-x', '-C', root], { input: archive });
      if (untar.status !== 0) throw new BaselineError(`unpacking ${ref} failed: ${String(untar.stderr).trim()}`);
    }
  } catch (error) {
    dispose();
    throw error;
  }
  return {
    root,
    paths: repoPaths.map((spec) => resolve(root, spec)),
    requested,
    locate: (path) => resolve(root, inRepository(path)),
    repoPaths,
    commit,
    dispose,
  };
}
