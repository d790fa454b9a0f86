// The shared launcher, run the way a person runs a tool: its bin from another working directory, through
// tsx and through the cached esbuild bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', 'test-fixtures', 'tools', 'echo-tool', 'bin', 'echo-tool.mjs');
const elsewhere = realpathSync(mkdtempSync(join(tmpdir(), 'launch-tool-')));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

const run = (args: string[], bundle: boolean) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd: elsewhere,
    encoding: 'utf8',
    env: { ...process.env, ECHO_TOOL_BUNDLE: String(bundle) },
  });

describe.each([
  ['through tsx', false],
  ['through the cached bundle', true],
])('a tool bin launched %s', (_label, bundle) => {
  it('runs src/main.ts with the arguments and the caller’s working directory, exit 0', () => {
    const result = run(['--name', 'x', 'one'], bundle);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toStrictEqual({ name: 'x', positionals: ['one'], cwd: elsewhere });
    if (bundle) {
      const cache = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'echo-tool');
      const bundles = existsSync(cache)
        ? readdirSync(cache).filter((name) => /^echo-tool-[0-9a-f]{16}$/.test(name))
        : [];
      expect(bundles).toHaveLength(1);
      // The tool's main and every library's thread entry, sharing chunks.
      expect(readdirSync(join(cache, bundles[0]!))).toEqual(
        expect.arrayContaining(['main.mjs', 'drift.load-tree.thread.mjs']),
      );
    }
  });

  it("exits with the tool's usage code and message on an unknown flag", () => {
    const result = run(['--bad'], bundle);
    expect(result.status).toBe(64);
    // After the flag, the sentence is node:util parseArgs' own and its wording varies by Node version.
    expect(result.stderr).toMatch(/^echo-tool: Unknown option '--bad'.*\nUsage: echo-tool \[--name <n>\]\n$/);
  });

  it("exits with the tool's could-not-run code and the message when the command throws", () => {
    const result = run(['--crash'], bundle);
    expect(result.status).toBe(70);
    expect(result.stderr).toBe('echo-tool: crashed on purpose\n');
  });
});
