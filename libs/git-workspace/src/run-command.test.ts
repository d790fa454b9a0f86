import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutEnv } from './checkout-env';
import { lastLines, runCommand } from './run-command';

const dir = mkdtempSync(join(tmpdir(), 'run-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runCommand', () => {
  it('keeps stdout, stderr and the exit status, and streams them to the echo', async () => {
    const echoed: string[] = [];
    const result = await runCommand(
      process.execPath,
      ['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)'],
      dir,
      process.env,
      { stdout: (text) => echoed.push(`1:${text}`), stderr: (text) => echoed.push(`2:${text}`) },
    );
    expect(result).toStrictEqual({ status: 3, stdout: 'out', stderr: 'err' });
    expect(echoed.sort()).toStrictEqual(['1:out', '2:err']);
  });

  it('gives the program the input as its whole stdin', async () => {
    const result = await runCommand(
      process.execPath,
      ['-e', 'process.stdin.pipe(process.stdout)'],
      dir,
      process.env,
      undefined,
      'kind: Namespace\n',
    );
    expect(result).toStrictEqual({ status: 0, stdout: 'kind: Namespace\n', stderr: '' });
  });

  it('gives an empty stdin when there is no input, so a program that reads it ends', async () => {
    const result = await runCommand(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], dir, process.env);
    expect(result).toStrictEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('passes arguments to the program as they are, never through a shell', async () => {
    const result = await runCommand(
      process.execPath,
      ['-e', 'console.log(process.argv.slice(1).join("|"))', 'a; echo injected', '$(id)'],
      dir,
      process.env,
    );
    expect(result.stdout).toBe('a; echo injected|$(id)\n');
  });

  it('runs in the checkout with its own node_modules/.bin first and no Nx daemon', async () => {
    const env = checkoutEnv(dir, { PATH: '/usr/bin' });
    expect(env).toStrictEqual({
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      PATH: `${join(dir, 'node_modules', '.bin')}:/usr/bin`,
    });
    const result = await runCommand(process.execPath, ['-e', 'console.log(process.cwd())'], dir, env);
    expect(result.stdout.trim()).toBe(dir);
  });
});

describe('lastLines', () => {
  it('keeps the last lines of trimmed output', () => {
    expect(lastLines('\na\nb\nc\n\n', 2)).toBe('b\nc');
  });
});
