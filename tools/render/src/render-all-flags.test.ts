// npm run render's own flags (--clusters, --incremental) are taken out before the render command sees the
// rest: --check must still be a check (never a render through Nx) whichever flags come with it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { workspaceRoot as findWorkspaceRoot } from '@go-coffee/cli';

const root = findWorkspaceRoot();
const render = (...args: string[]) =>
  spawnSync(process.execPath, ['tools/render/bin/render.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('npm run render flags', () => {
  it('checks the whole tree for a lone --check', () => {
    const run = render('--check');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^render --check: gitops\/ is up to date \(6 cluster\(s\)/m);
  }, 120_000);

  it('checks each listed cluster once for --check --clusters', () => {
    const run = render('--clusters', 'dev-aws-us-east-1,prod-gcp-us-central1', '--check');
    expect(run.status).toBe(0);
    expect(run.stdout.match(/^render --check: gitops\/ is up to date \(1 cluster\(s\)/gm)).toHaveLength(2);
  }, 120_000);

  it('refuses --clusters without a list (exit 2)', () => {
    const run = render('--check', '--clusters');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--clusters needs a comma-separated list');
  }, 120_000);
});
