import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './pr-report-cli';

let repo: string;
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'pr-report-cli-'));
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'README.md'), 'x\n');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'one');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd: repo, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('pr-report command line', () => {
  it('exits 2 without --base and prints the usage', async () => {
    const result = await cli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base <ref> is required');
  });

  it('exits 2 on an unknown ref before creating any worktree, naming the shallow-clone fix', async () => {
    const result = await cli(['--base', 'origin/nope', '--head', 'HEAD']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown git ref "origin/nope"');
    expect(result.stderr).toContain('fetch-depth: 0');
    expect(
      spawnSync('git', ['worktree', 'list'], { cwd: repo, encoding: 'utf8' }).stdout.trim().split('\n'),
    ).toHaveLength(1);
  });

  it('reports "no changes" for a repository without a gitops tree', async () => {
    const result = await cli(['--base', 'HEAD', '--head', 'HEAD', '--no-policy']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No rendered object changes and no policy findings in any cluster.');
  });
});
