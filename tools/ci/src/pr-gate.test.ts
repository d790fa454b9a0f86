// The pr-affected job's entry point on a real git repository: a throwaway copy of this workspace with
// real commits, the real render and Nx, and the real policy gate (the pinned OPA builds the bundle).
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceCopy, type WorkspaceCopy } from '@go-coffee/toolchain';
import { runCi } from './ci-cli';
import { staleTreeLines } from './pr-gate';

let repo: WorkspaceCopy;
let base: string;

const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };

/** `npm run ci:pr` exactly as the pr-affected job runs it. */
async function ciPr(baseRef: string, headRef = 'HEAD'): Promise<{ code: number; out: string; err: string }> {
  const head = repo.git('rev-parse', headRef).trim();
  const run = spawnSync('npm', ['run', '--silent', 'ci:pr', '--', '--base', baseRef, '--head', head], {
    cwd: repo.root,
    encoding: 'utf8',
    env: { ...process.env, ...NX_ENV },
    maxBuffer: 1 << 28,
  });
  return { code: run.status ?? -1, out: run.stdout, err: run.stderr };
}

async function ci(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCi(argv, {
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

// A rule every rendered Deployment violates today: adopting it is a pull request with debt.
const DEBT_RULE = `# METADATA
# title: Cost centre label (ratchet sample)
# description: Every Deployment names the cost centre that pays for it.
# scope: package
# custom:
#   id: GC-TEST-901
#   severity: low
package main.cost_centre

deny_missing_cost_centre contains msg if {
\tinput.kind == "Deployment"
\tnot input.metadata.labels["go-coffee.example/cost-centre"]
\tmsg := sprintf("apps/v1 Deployment %s/%s has no go-coffee.example/cost-centre label", [input.metadata.namespace, input.metadata.name])
}
`;

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

  it("passes a pull request that adds a rule today's manifests violate, and reports the debt", async () => {
    // GIVEN main with a rendered tree, and a change that adopts a new rule and touches an app
    const main = repo.git('rev-parse', 'HEAD').trim();
    mkdirSync(join(repo.root, 'policies/main/cost_centre'), { recursive: true });
    writeFileSync(join(repo.root, 'policies/main/cost_centre/cost_centre.rego'), DEBT_RULE);
    appendFileSync(join(repo.root, 'apps/core-services/src/index.ts'), '\n// touched by the ratchet test\n');
    const head = repo.commitAll('adopt the cost-centre rule');

    // WHEN the gate runs on the pull request
    const run = await ciPr(main, head);
    const log = `${run.out}${run.err}`;

    // THEN the whole-tree and the app's policy targets ran with the ratchet, found the debt, and passed
    expect(log).toContain('nx run policy-check:policy');
    expect(log).toContain('nx run core-services:policy');
    const summaries = [
      ...log.matchAll(
        /ratchet against [0-9a-f]{40} \([0-9a-f]{12}\): 0 new failures, 0 new warnings, (\d+) pre-existing ignored, 0 fixed/g,
      ),
    ];
    expect(summaries.length).toBeGreaterThanOrEqual(2);
    for (const summary of summaries) expect(Number(summary[1])).toBeGreaterThan(0);
    expect(run.code).toBe(0);

    // ... while the absolute check, as on main, fails on exactly that debt
    const absolute = spawnSync(
      'npx',
      ['nx', 'run', 'core-services:policy', '--outputStyle=static', '--skip-nx-cache'],
      {
        cwd: repo.root,
        encoding: 'utf8',
        env: { ...process.env, ...NX_ENV },
      },
    );
    expect(absolute.status).not.toBe(0);
    expect(`${absolute.stdout}${absolute.stderr}`).toMatch(
      /FAIL - gitops\/[^ ]+\.yaml - main\.cost_centre - apps\/v1 Deployment \S+ has no go-coffee\.example\/cost-centre label/,
    );
  }, 900_000);

  it('ci:policy-gate gives the verdict first and writes the SARIF after it: ratchet on a pull request, absolute on main', async () => {
    const head = repo.git('rev-parse', 'HEAD').trim();
    const base = repo.git('rev-parse', 'HEAD~1').trim();
    const out = mkdtempSync(join(tmpdir(), 'policy-gate-sarif-'));
    const ratchet = await ci('policy-gate', '--base', base, '--sarif', join(out, 'pr.sarif'));
    expect(ratchet.code).toBe(0);
    expect(ratchet.err).toMatch(
      /ratchet against [0-9a-f]{40} \([0-9a-f]{12}\): 0 new failures, 0 new warnings, [1-9]\d* pre-existing ignored/,
    );
    // The SARIF carries every finding of the tree, so code scanning sees the debt as alerts.
    const sarif = JSON.parse(readFileSync(join(out, 'pr.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; message: { text: string } }[] }[];
    };
    const debt = sarif.runs.flatMap((r) => r.results).filter((r) => r.message.text.includes('cost-centre'));
    expect(debt.length).toBeGreaterThan(0);

    const absolute = await ci('policy-gate', '--sarif', join(out, 'main.sarif'));
    expect(absolute.code).toBe(1);
    expect(existsSync(join(out, 'main.sarif'))).toBe(true);
    rmSync(out, { recursive: true, force: true });
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(head);
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
