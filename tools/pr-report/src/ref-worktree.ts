// A temporary `git worktree` of one ref, ready to run that ref's own tools: node_modules and .tools are
// symlinked from the main checkout (a per-worktree `npm ci` would take minutes), everything else is the
// ref's own code. The caller must dispose() it; a crashed run leaves a worktree `git worktree prune` removes.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export function git(cwd: string, args: readonly string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  if (result.error) throw new PrReportError(`git: ${result.error.message}; fix: install git`, 2);
  if (result.status !== 0) throw new PrReportError(`git ${args.join(' ')} failed: ${String(result.stderr).trim()}`, 2);
  return String(result.stdout);
}

/** Full SHA of a ref, or a usage error naming the ref and the usual cause. */
export function resolveRef(repoRoot: string, ref: string): string {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new PrReportError(
      `unknown git ref "${ref}"; fix: pass a branch, tag or SHA that exists in ${repoRoot} ` +
        '(in CI: actions/checkout with fetch-depth: 0)',
      2,
    );
  }
  return result.stdout.trim();
}

export interface RefWorktree {
  readonly ref: string;
  readonly commit: string;
  readonly path: string;
  dispose(): void;
}

/** Links the main checkout's installed dependencies and built tools into a worktree. */
export function linkInstalledTools(repoRoot: string, worktree: string): void {
  for (const name of ['node_modules', '.tools']) {
    const source = join(repoRoot, name);
    // Nothing to link in a checkout without installed dependencies; a render there fails with npm's own message.
    if (!existsSync(source)) continue;
    if (!existsSync(join(worktree, name))) symlinkSync(source, join(worktree, name), 'dir');
  }
}

export function addRefWorktree(repoRoot: string, ref: string, options: { branch?: string } = {}): RefWorktree {
  const commit = resolveRef(repoRoot, ref);
  const path = mkdtempSync(join(tmpdir(), 'pr-report-worktree-'));
  const args = options.branch
    ? ['worktree', 'add', '-q', '-b', options.branch, path, commit]
    : ['worktree', 'add', '-q', '--detach', path, commit];
  try {
    git(repoRoot, args);
    linkInstalledTools(repoRoot, path);
  } catch (error) {
    rmSync(path, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: repoRoot });
    throw error;
  }
  return {
    ref,
    commit,
    path,
    dispose() {
      const removed = spawnSync('git', ['worktree', 'remove', '--force', path], { cwd: repoRoot });
      if (removed.status !== 0) {
        rmSync(path, { recursive: true, force: true });
        spawnSync('git', ['worktree', 'prune'], { cwd: repoRoot });
      }
    },
  };
}
