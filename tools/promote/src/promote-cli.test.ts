// The command line of promote, in-process: usage errors and an unknown --base exit 2 before any worktree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIo } from '@go-coffee/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, USAGE } from './promote-cli';

let repo: string;
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'promote-cli-'));
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'README.md'), 'x\n');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'one');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

async function cli(args: string[]) {
  const captured = captureIo({ cwd: repo });
  const code = await runCli(args, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

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
