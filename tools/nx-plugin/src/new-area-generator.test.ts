// Done-when of the area generator, on a throw-away copy of the workspace: `npm run new:area -- loyalty`, then
// `npm run render` and the policy gate, with no edit outside apps/loyalty/ and the generated gitops/ tree; the new
// folder passes lint, typecheck and its own test. Real Nx, real render, real OPA policies.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceCopy, type WorkspaceCopy } from '@go-coffee/toolchain';

let copy: WorkspaceCopy;

/** Runs a command in the copy; returns its exit status and combined output. */
function run(command: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    cwd: copy.root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' },
    maxBuffer: 1 << 26,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  copy = createWorkspaceCopy();
}, 120_000);

afterAll(() => copy.dispose());

describe('npm run new:area', () => {
  it('scaffolds an area that renders into every cluster and passes the gates, editing nothing outside its folder and gitops/', () => {
    const generated = run('npm', 'run', 'new:area', '--', 'loyalty');
    expect(generated.output).toContain('CREATE apps/loyalty/src/area.ts');
    expect(generated.status).toBe(0);

    const rendered = run('npm', 'run', 'render');
    expect(rendered.status, rendered.output).toBe(0);

    const changed = copy
      .git('status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.slice(3));
    // gitops/ and its source map sidecar (gitops-source-map/) are the generated tree.
    const generatedTree = (path: string): boolean =>
      path.startsWith('gitops/') || path.startsWith('gitops-source-map/');
    expect(changed.filter((path) => !path.startsWith('apps/loyalty/') && !generatedTree(path))).toStrictEqual([]);
    const clusters = readdirSync(join(copy.root, 'gitops')).sort();
    expect(clusters.length).toBeGreaterThan(0);
    for (const cluster of clusters) {
      expect(changed, cluster).toEqual(
        expect.arrayContaining([
          `gitops/${cluster}/applications/application-argocd-loyalty.yaml`,
          `gitops/${cluster}/loyalty/networkpolicy-go-coffee-loyalty-default-deny-all.yaml`,
          `gitops/${cluster}/platform/appproject-argocd-loyalty.yaml`,
          `gitops/${cluster}/platform/namespace-go-coffee-loyalty.yaml`,
          `gitops/${cluster}/platform/resourcequota-go-coffee-loyalty-compute.yaml`,
          `gitops-source-map/${cluster}/loyalty.json`,
        ]),
      );
    }

    const lint = run('npx', 'eslint', 'apps/loyalty');
    expect(lint.status, lint.output).toBe(0);
    const typecheck = run('npx', 'tsc', '-p', 'apps/loyalty/tsconfig.json', '--noEmit');
    expect(typecheck.status, typecheck.output).toBe(0);
    const test = run('npx', 'vitest', 'run', 'apps/loyalty');
    expect(test.status, test.output).toBe(0);
    // The whole tree, the new namespace's objects included, against every policy (pinned OPA, WASM bundle).
    const policy = run('npm', 'run', 'policy');
    expect(policy.status, policy.output).toBe(0);
  }, 600_000);

  it('refuses a name that is not an area name, and an area that exists, writing nothing', () => {
    expect(run('npm', 'run', 'new:area', '--', 'Loyalty_2').output).toContain('"Loyalty_2" is not an area name');
    expect(run('npm', 'run', 'new:area', '--', 'platform').output).toContain('apps/platform already exists');
    expect(copy.git('status', '--porcelain', '--', 'apps/platform', 'apps/Loyalty_2')).toBe('');
  }, 120_000);
});
