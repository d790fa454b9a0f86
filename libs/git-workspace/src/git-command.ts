// git, run without a shell, with failures as GitError naming the command and git's own message.
import { spawnSync } from 'node:child_process';
import { GitError, UnknownRefError } from './git-error';

/** Runs git in `cwd` and returns its stdout. */
export function git(cwd: string, args: readonly string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error) throw new GitError(`git ${args[0] ?? ''}: ${result.error.message}; fix: install git`);
  if (result.status !== 0) throw new GitError(`git ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

/** The root of the repository (or worktree) holding `cwd`. */
export function repositoryRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).trim();
}

/** The full SHA of the commit `ref` names; UnknownRefError when there is none (typically a shallow clone). */
export function resolveCommit(cwd: string, ref: string): string {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8' });
  if (result.error) throw new GitError(`git rev-parse: ${result.error.message}; fix: install git`);
  if (result.status !== 0) throw new UnknownRefError(ref, cwd);
  return result.stdout.trim();
}

/** Whether `refs/heads/<branch>` exists. */
export function branchExists(cwd: string, branch: string): boolean {
  return spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { cwd }).status === 0;
}

/** Paths under `pathspecs` that differ from HEAD (modified, added, deleted, untracked), sorted. */
export function changedPaths(cwd: string, pathspecs: readonly string[] = []): string[] {
  return git(cwd, ['status', '--porcelain', '--untracked-files=all', '--', ...pathspecs])
    .split('\n')
    .filter((line) => line.length > 3)
    .map((line) => line.slice(3))
    .sort();
}

/** The files under `paths` at `commit` as one tar archive (`git archive`), without touching the working tree. */
export function archiveAt(cwd: string, commit: string, paths: readonly string[]): Buffer {
  const args = ['archive', '--format=tar', commit, '--', ...paths];
  const result = spawnSync('git', args, { cwd, maxBuffer: 1 << 30 });
  if (result.error) throw new GitError(`git archive: ${result.error.message}; fix: install git`);
  if (result.status !== 0) throw new GitError(`git ${args.join(' ')} failed: ${String(result.stderr).trim()}`);
  return result.stdout;
}
