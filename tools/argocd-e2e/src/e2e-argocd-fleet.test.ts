// Runs the fleet bootstrap end to end (`npm run e2e:argocd:fleet`) as part of `npm test` and holds it to the
// issue's bar: the hub's ApplicationSet creates every spoke's root, identical to the hand-applied root, and each
// root syncs its spoke's child Applications into that spoke.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

describe('Argo CD fleet bootstrap end to end', () => {
  it('lets one ApplicationSet on the hub create and sync the root of two spoke clusters, each into its own apiserver', () => {
    const res = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'tools/argocd-e2e/src/e2e-argocd-fleet.ts')],
      { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 900_000 },
    );
    process.stdout.write(res.stdout);
    process.stderr.write(res.stderr);
    const last = res.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(last).toMatch(
      /^e2e:argocd-fleet spokes=\d+ roots_created=\d+ roots_identical=\d+ roots_synced=\d+ child_applications=\d+\/\d+ seconds=\d+$/,
    );
    const fields = Object.fromEntries(
      last
        .replace(/^e2e:argocd-fleet /, '')
        .split(' ')
        .map((pair) => pair.split('=') as [string, string]),
    );
    expect(Number(fields.spokes)).toBeGreaterThanOrEqual(2);
    expect(fields).toMatchObject({
      roots_created: fields.spokes,
      roots_identical: fields.spokes,
      roots_synced: fields.spokes,
    });
    const [present, expected] = fields.child_applications!.split('/').map(Number);
    expect(expected).toBeGreaterThan(0);
    expect(present).toBe(expected);
    expect(res.status).toBe(0);
  }, 1_000_000);
});
