import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createOneCommitRepository, runCliCaptured } from '@go-coffee/cli/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './pr-report-cli';

let repo: string;
beforeAll(() => {
  repo = createOneCommitRepository('pr-report-cli-');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const cli = (args: string[]) => runCliCaptured(runCli, args, { cwd: repo });

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
