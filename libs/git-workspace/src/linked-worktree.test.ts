// Real git worktrees in a temporary repository.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitError } from './git-error';
import { addLinkedWorktree } from './linked-worktree';

let repo: string;
const sh = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).stdout.trim();
const commit = (message: string) =>
  spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', message], { cwd: repo });

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'linked-worktree-'));
  sh('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'version.txt'), 'one\n');
  writeFileSync(join(repo, '.gitignore'), 'node_modules\n.tools\n');
  sh('add', '-A');
  commit('one');
  writeFileSync(join(repo, 'version.txt'), 'two\n');
  commit('two');
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('addLinkedWorktree', () => {
  it("checks out the commit's own files with the main checkout's installed tools linked, and leaves no trace", () => {
    const base = sh('rev-parse', 'HEAD~1');
    const worktree = addLinkedWorktree(repo, base, { prefix: 'test-' });
    try {
      expect(readFileSync(join(worktree.path, 'version.txt'), 'utf8')).toBe('one\n');
      expect(lstatSync(join(worktree.path, 'node_modules')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(worktree.path, 'node_modules'))).toBe(join(repo, 'node_modules'));
      // .tools does not exist in the main checkout: nothing to link.
      expect(existsSync(join(worktree.path, '.tools'))).toBe(false);
      expect(sh('worktree', 'list').split('\n')).toHaveLength(2);
      // The caller's checkout is untouched.
      expect(readFileSync(join(repo, 'version.txt'), 'utf8')).toBe('two\n');
      expect(sh('status', '--porcelain')).toBe('');
    } finally {
      worktree.dispose();
    }
    expect(existsSync(worktree.path)).toBe(false);
    expect(sh('worktree', 'list').split('\n')).toHaveLength(1);
    worktree.dispose();
  });

  it('fails with git’s message and leaves no worktree or folder behind', () => {
    const before = sh('worktree', 'list');
    expect(() => addLinkedWorktree(repo, 'f'.repeat(40))).toThrow(GitError);
    expect(sh('worktree', 'list')).toBe(before);
  });
});
