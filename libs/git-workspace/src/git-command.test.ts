// Real git in a temporary repository.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveAt, branchExists, changedPaths, git, repositoryRoot, resolveCommit } from './git-command';
import { GitError, UnknownRefError } from './git-error';

let repo: string;
let first: string;
beforeEach(() => {
  repo = realpathSync(mkdtempSync(join(tmpdir(), 'git-command-')));
  spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  writeFileSync(join(repo, 'a.txt'), 'a\n');
  spawnSync('git', ['add', '-A'], { cwd: repo });
  spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'one'], { cwd: repo });
  first = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('git plumbing', () => {
  it('resolves a branch, HEAD and a short SHA to the full commit', () => {
    expect(resolveCommit(repo, 'main')).toBe(first);
    expect(resolveCommit(repo, 'HEAD')).toBe(first);
    expect(resolveCommit(repo, first.slice(0, 8))).toBe(first);
  });

  it('names an unknown ref, the repository and the shallow-clone fix', () => {
    expect(() => resolveCommit(repo, 'origin/nope')).toThrow(UnknownRefError);
    expect(() => resolveCommit(repo, 'origin/nope')).toThrow(
      `unknown git ref "origin/nope"; fix: pass a branch, tag or SHA that exists in ${repo} (in CI check out the full history: actions/checkout with fetch-depth: 0)`,
    );
  });

  it("fails with the command and git's own message", () => {
    expect(() => git(repo, ['checkout', '-q', 'no-such-branch'])).toThrow(GitError);
    expect(() => git(repo, ['checkout', '-q', 'no-such-branch'])).toThrow(
      /^git checkout -q no-such-branch failed: error: pathspec 'no-such-branch' did not match/,
    );
  });

  it('finds the repository root from a subfolder and tells whether a branch exists', () => {
    mkdirSync(join(repo, 'sub', 'folder'), { recursive: true });
    expect(repositoryRoot(join(repo, 'sub', 'folder'))).toBe(repo);
    expect([branchExists(repo, 'main'), branchExists(repo, 'promote/x')]).toStrictEqual([true, false]);
  });

  it('lists changed, added and untracked paths under the given pathspecs, sorted', () => {
    writeFileSync(join(repo, 'a.txt'), 'changed\n');
    writeFileSync(join(repo, 'b.txt'), 'new\n');
    expect(changedPaths(repo)).toStrictEqual(['a.txt', 'b.txt']);
    expect(changedPaths(repo, ['b.txt'])).toStrictEqual(['b.txt']);
  });

  it('archives the files of a commit as a tar, leaving later edits out', () => {
    writeFileSync(join(repo, 'a.txt'), 'edited\n');
    const unpacked = join(repo, '.git', 'unpacked');
    mkdirSync(unpacked);
    const untar = spawnSync('tar', ['-x', '-C', unpacked], { input: archiveAt(repo, first, ['a.txt']) });
    expect(untar.status).toBe(0);
    expect(readdirSync(unpacked)).toStrictEqual(['a.txt']);
    expect(readFileSync(join(unpacked, 'a.txt'), 'utf8')).toBe('a\n');
    expect(() => archiveAt(repo, first, ['missing.txt'])).toThrow(/^git archive --format=tar .* failed: /);
  });
});
