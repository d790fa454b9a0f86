// The command line of promote, in-process: usage errors and an unknown --base exit 2 before any worktree.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createOneCommitRepository, runCliCaptured } from '@go-coffee/cli/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, USAGE } from './promote-cli';

let repo: string;
beforeAll(() => {
  repo = createOneCommitRepository('promote-cli-');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const cli = (args: string[]) => runCliCaptured(runCli, args, { cwd: repo });

describe('promote command line', () => {
  it('prints the usage for --help and exits 0', async () => {
    expect(await cli(['--help'])).toStrictEqual({ code: 0, stdout: USAGE, stderr: '' });
  });

  it.each([
    [['--service', 'api'], 'promote: --from and --to are required\n'],
    [['--from', 'staging', '--to', 'prod'], 'promote: pass either --service <name> or --all\n'],
    [['--from', 'staging', '--to', 'prod', '--all', '-s', 'api'], 'promote: pass either --service <name> or --all\n'],
  ])('exits 2 with the problem and the usage for %j', async (args, problem) => {
    expect(await cli(args)).toStrictEqual({ code: 2, stdout: '', stderr: `${problem}${USAGE}` });
  });

  it("exits 2 on an unknown flag with node's message and the usage", async () => {
    const result = await cli(['--from', 'staging', '--to', 'prod', '--all', '--dry-run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^promote: Unknown option '--dry-run'/);
    expect(result.stderr.endsWith(USAGE)).toBe(true);
  });

  it('exits 2 on an unknown --base and leaves no worktree', async () => {
    const result = await cli(['--from', 'staging', '--to', 'prod', '--all', '--base', 'origin/nope']);
    expect(result).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: 'promote: unknown git ref "origin/nope"; fix: pass --base with an existing branch or SHA\n',
    });
    expect(
      spawnSync('git', ['worktree', 'list'], { cwd: repo, encoding: 'utf8' }).stdout.trim().split('\n'),
    ).toHaveLength(1);
  });
});
