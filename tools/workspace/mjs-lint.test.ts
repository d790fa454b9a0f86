// The .mjs entry points (bin/ launchers, the toolchain installer) are code that runs before anything is
// compiled; they are linted like the TypeScript, not skipped.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';

const root = workspaceRoot();

describe('eslint on .mjs files', () => {
  it('does not ignore the bin launchers and the toolchain scripts', async () => {
    const eslint = new ESLint({ cwd: root });
    for (const file of [
      'tools/policy-check/bin/policy-check.mjs',
      'tools/toolchain/install.mjs',
      'eslint.config.mjs',
    ]) {
      expect(await eslint.isPathIgnored(join(root, file)), file).toBe(false);
    }
  });

  it('reports an undefined name in an .mjs file and knows the Node globals', async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText('process.exitCode = undefinedThing;\n', {
      filePath: join(root, 'tools/toolchain/lint-probe.mjs'),
    });
    expect(result?.messages.map((message) => `${message.ruleId}: ${message.message}`)).toStrictEqual([
      "no-undef: 'undefinedThing' is not defined.",
    ]);
  });
});
