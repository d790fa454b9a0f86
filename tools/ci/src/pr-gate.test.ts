// The pr-affected job's entry point on a real git repository: a throwaway copy of this workspace with
// real commits, the real render and Nx, and the real policy gate (the pinned OPA builds the bundle).
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceCopy, type WorkspaceCopy } from '@go-coffee/toolchain';
import { runCi } from './ci-cli';
import { staleTreeLines } from './pr-gate';

let repo: WorkspaceCopy;
let base: string;

const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };

async function ciPr(baseRef: string, headRef = 'HEAD'): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const head = repo.git('rev-parse', headRef).trim();
  const code = await runCi(['pr', '--base', baseRef, '--head', head], {
    cwd: repo.root,
    env: { ...process.env, ...NX_ENV },
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
  });
  return { code, out, err };
}

function npm(...args: string[]) {
  return spawnSync('npm', args, { cwd: repo.root, encoding: 'utf8', env: { ...process.env, ...NX_ENV } });
}

function bumpDevImage(): void {
  const file = join(repo.root, 'environments/images/dev.yaml');
  const text = readFileSync(file, 'utf8');
  const bumped = text.replace(/^api-gateway: .*$/m, 'api-gateway: 9.9.9');
  expect(bumped).not.toBe(text);
  writeFileSync(file, bumped);
}

beforeAll(() => {
  repo = createWorkspaceCopy();
  base = repo.git('rev-parse', 'HEAD').trim();
}, 300_000);

afterAll(() => repo?.dispose());

describe('ci:pr on a temp repository', () => {
  let unrendered: string;

  it('fails a commit whose sources changed without re-rendering, naming every stale file', async () => {
    // GIVEN a pull request that bumps a dev image but does not re-render
    bumpDevImage();
    unrendered = repo.commitAll('bump api-gateway in dev, not rendered');

    // WHEN the gate runs
    const run = await ciPr(base);

    // THEN it fails before any render, and names exactly the files a render changes
    expect(run.code).toBe(1);
    expect(run.out).not.toContain('nx affected');
    const named = staleTreeLines(run.out).map((line) => line.replace(/^stale /, ''));
    const render = npm('run', 'render');
    expect(render.status).toBe(0);
    const rendered = repo
      .git('status', '--porcelain', '--', 'gitops')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3))
      .sort();
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.every((path) => /^gitops\/dev-[^/]+\//.test(path))).toBe(true);
    expect(named).toStrictEqual(rendered);
    expect(run.err).toContain(`gitops/ at ${unrendered.slice(0, 12)} is not what its sources render`);
    for (const path of rendered) expect(run.err).toContain(`  stale ${path}\n`);
  }, 600_000);

  it('passes the same change rendered and committed, every affected policy target ratcheting against the base', async () => {
    // GIVEN the render from the previous case committed with the source change
    const head = repo.commitAll('render');
    const run = await ciPr(base, head);
    expect(run.err).not.toContain('ci:pr:');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`ci:pr: ${head.slice(0, 12)} passes`);
    // An environment file selects every render app; each app's policy target got the base ref.
    for (const app of ['core-services', 'data-services', 'event-functions', 'observability', 'platform']) {
      expect(run.out).toContain(`nx run ${app}:policy`);
    }
    const ratchetLines = `${run.out}${run.err}`.match(/ratchet against [0-9a-f]{40} \([0-9a-f]{12}\)/g) ?? [];
    expect(ratchetLines.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ratchetLines)).toStrictEqual(new Set([`ratchet against ${base} (${base.slice(0, 12)})`]));
  }, 900_000);

  it('fails a hand edit of gitops/, naming the edited and the added file', async () => {
    const rendered = repo.git('rev-parse', 'HEAD').trim();
    const target = repo
      .git('ls-files', 'gitops')
      .split('\n')
      .find((path) => path.endsWith('.yaml'))!;
    appendFileSync(join(repo.root, target), '# tweaked by hand\n');
    const cluster = target.split('/')[1]!;
    mkdirSync(join(repo.root, 'gitops', cluster, 'core-services'), { recursive: true });
    writeFileSync(join(repo.root, 'gitops', cluster, 'core-services', 'configmap-by-hand.yaml'), 'kind: ConfigMap\n');
    repo.commitAll('hand edit of gitops/');

    const run = await ciPr(rendered);

    expect(run.code).toBe(1);
    expect(staleTreeLines(run.out)).toStrictEqual([
      `stale ${target}`,
      `extra gitops/${cluster}/core-services/configmap-by-hand.yaml`,
    ]);
    repo.git('reset', '-q', '--hard', rendered);
  }, 600_000);

  it('refuses a checkout that is not --head or has uncommitted changes', async () => {
    const run = await ciPr(base, `${base}`);
    expect(run.code).toBe(2);
    expect(run.err).toContain('the checkout is at');
    appendFileSync(join(repo.root, 'environments/dev.yaml'), '# uncommitted\n');
    const dirty = await ciPr(base);
    expect(dirty.code).toBe(2);
    expect(dirty.err).toContain(' M environments/dev.yaml');
    repo.git('checkout', '--', 'environments/dev.yaml');
  }, 60_000);
});
