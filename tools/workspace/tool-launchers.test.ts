// One launcher pattern for every command-line tool: tools/<tool>/bin/<tool>.mjs runs src/main.ts through
// libs/cli/launch-tool.mjs, package.json names it under `bin`, and every npm script that starts the tool
// goes through that bin. Each bin is also run for real, from outside the workspace.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@go-coffee/toolchain';
import { afterAll, describe, expect, it } from 'vitest';

const root = workspaceRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
};
const elsewhere = mkdtempSync(join(tmpdir(), 'tool-launchers-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

// tool → [npm scripts that start it, arguments, exit code, what stdout or stderr starts with]
const TOOLS: Record<string, [RegExp, string[], number, RegExp]> = {
  'gitops-sync': [
    /^gitops-sync$/,
    ['--help'],
    0,
    /^gitops-sync — drift between the rendered GitOps tree and live clusters\n/,
  ],
  'policy-check': [/^policy$/, ['--help'], 0, /^Usage: policy-check \[flags\] <path>/],
  'pr-report': [/^pr-report$/, ['--help'], 0, /^Usage: pr-report --base <ref>/],
  promote: [/^promote$/, ['--help'], 0, /^Usage: promote \(--service <name>\.\.\. \| --all\)/],
  ci: [/^ci:/, ['--help'], 0, /^Usage: ci <command> \[flags\]/],
  render: [
    /^render$/,
    ['--no-such-flag'],
    2,
    /^invalid environment configuration \(1 problem\); nothing was written:\n {2}command line: Unknown option '--no-such-flag'/,
  ],
};

describe.each(Object.entries(TOOLS))('%s', (tool, [scripts, args, code, output]) => {
  const bin = `tools/${tool}/bin/${tool}.mjs`;

  it('has a bin that runs src/main.ts through the shared launcher, named in package.json', () => {
    expect(existsSync(join(root, `tools/${tool}/src/main.ts`))).toBe(true);
    expect(readFileSync(join(root, bin), 'utf8')).toMatch(
      /import \{ launchTool \} from '\.\.\/\.\.\/\.\.\/libs\/cli\/launch-tool\.mjs';\n\nawait launchTool\(import\.meta\.url(, \{ bundle: true \})?\);\n$/,
    );
    expect(pkg.bin[tool]).toBe(bin);
  });

  it('is started by its npm scripts through that bin, never by its TypeScript entry', () => {
    const starting = Object.entries(pkg.scripts).filter(([name]) => scripts.test(name));
    expect(starting.length).toBeGreaterThan(0);
    for (const [name, script] of starting) expect(`${name}: ${script}`).toContain(`node ${bin}`);
    for (const script of Object.values(pkg.scripts)) expect(script).not.toContain(`tools/${tool}/src/main.ts`);
  });

  it(`runs from any working directory: ${args.join(' ')} exits ${code}`, () => {
    const result = spawnSync(process.execPath, [join(root, bin), ...args], { cwd: elsewhere, encoding: 'utf8' });
    expect(result.status).toBe(code);
    expect(code === 0 ? result.stdout : result.stderr).toMatch(output);
  }, 60_000);
});
