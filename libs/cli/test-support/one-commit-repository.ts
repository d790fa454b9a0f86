// A throwaway git repository with one commit on main: enough for a command that resolves refs or adds
// worktrees to get past its git checks, without touching the checkout the tests run in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates the repository under the system temp folder and returns its path; the caller removes it. */
export function createOneCommitRepository(prefix: string): string {
  const repo = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${repo}: ${result.stderr}`);
  };
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'README.md'), 'x\n');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'one');
  return repo;
}
