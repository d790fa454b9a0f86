// A temporary `git worktree` of one commit, ready to run that commit's own tools: node_modules and .tools
// are symlinked from the main checkout (a per-worktree `npm ci` would take minutes), everything else is the
// commit's own. The caller must dispose() it; a crashed run leaves a worktree `git worktree prune` removes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from './git-command';

/** What a checkout installs rather than tracks, shared with its worktrees. */
export const INSTALLED_TOOLS = ['node_modules', '.tools'] as const;

export interface LinkedWorktree {
  readonly path: string;
  readonly commit: string;
  /** Removes the worktree (and its folder) from the repository; safe to call twice. */
  dispose(): void;
}

export interface LinkedWorktreeOptions {
  /** Prefix of the temporary folder's name. @default 'worktree-' */
  readonly prefix?: string;
}

/** Links the main checkout's installed dependencies and built tools into a worktree (missing ones are skipped). */
export function linkInstalledTools(repoRoot: string, worktree: string): void {
  for (const name of INSTALLED_TOOLS) {
    const source = join(repoRoot, name);
    if (existsSync(source) && !existsSync(join(worktree, name))) symlinkSync(source, join(worktree, name), 'dir');
  }
}

/** Adds a detached worktree of `commit` in a temporary folder, with the installed tools linked. */
export function addLinkedWorktree(
  repoRoot: string,
  commit: string,
  options: LinkedWorktreeOptions = {},
): LinkedWorktree {
  const path = mkdtempSync(join(tmpdir(), options.prefix ?? 'worktree-'));
  const remove = () => {
    const removed = spawnSync('git', ['worktree', 'remove', '--force', path], { cwd: repoRoot });
    if (removed.status !== 0 || existsSync(path)) rmSync(path, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: repoRoot });
  };
  try {
    git(repoRoot, ['worktree', 'add', '-q', '--detach', path, commit]);
    linkInstalledTools(repoRoot, path);
  } catch (error) {
    remove();
    throw error;
  }
  return { path, commit, dispose: remove };
}
