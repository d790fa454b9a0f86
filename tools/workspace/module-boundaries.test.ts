// The architecture is only as real as the lint rule that enforces it: these tests lint code that crosses
// a boundary, as if it lived in a real project, and expect @nx/enforce-module-boundaries to refuse it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';

const root = workspaceRoot();

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  beforeAll(() => {
    // The rule reads the cached project graph; compute it the way `npm run lint` does.
    execFileSync(join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
  });

  it('refuses a shared library importing another scope', async () => {
    const errors = await boundaryErrors(
      'libs/toolchain/src/boundary-probe.ts',
      "import { SERVICE_NAMES } from '@go-coffee/environments';\nexport const probe = SERVICE_NAMES;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/scope:shared/);
  });

  it('allows a cluster library to import a shared library', async () => {
    const errors = await boundaryErrors(
      'libs/local-cluster/src/boundary-probe.ts',
      "import { toolPath } from '@go-coffee/toolchain';\nexport const probe = toolPath;\n",
    );
    expect(errors).toStrictEqual([]);
  });
});
