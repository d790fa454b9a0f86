// `nx affected` must select exactly the work a change needs, or the pull-request workflow either misses
// a broken render/policy or wastes the runners. Checked on a throwaway copy of this workspace with real
// commits and the real Nx project graph; the policy targets are also run for real there.
//
// Policy targets: every render app has one that checks, whole, the cluster folders it renders into
// (cross-document rules need all of a cluster's documents), and policy-check has one that checks the
// whole tree; policy-check depends on the policies, so a Rego or data change selects that one.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceCopy, type WorkspaceCopy } from '@go-coffee/toolchain';

let repo: WorkspaceCopy;
let renderProjects: string[];
let policyProjects: string[];
let dependencies: Record<string, { target: string }[]>;

function runNx(...args: string[]) {
  return spawnSync('npx', ['nx', ...args], {
    cwd: repo.root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
}

function nx(...args: string[]): string {
  const result = runNx(...args);
  if (result.status !== 0) throw new Error(`nx ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const list = (output: string) =>
  output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .sort();

/** Commits an edit; returns `nx show projects --affected` for it: all projects and per target. */
function affectedBy(edit: () => void): { all: string[]; render: string[]; policy: string[] } {
  const base = repo.git('rev-parse', 'HEAD').trim();
  edit();
  const head = repo.commitAll('change');
  const show = (...target: string[]) =>
    list(nx('show', 'projects', '--affected', '--base', base, '--head', head, ...target));
  return { all: show(), render: show('-t', 'render'), policy: show('-t', 'policy') };
}

/** The projects that depend on `project`, directly or not, plus itself. */
function withDependents(project: string): string[] {
  const found = new Set([project]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [source, deps] of Object.entries(dependencies)) {
      if (!found.has(source) && deps.some((dep) => found.has(dep.target))) {
        found.add(source);
        grew = true;
      }
    }
  }
  return [...found].sort();
}

const firstSourceFile = (dir: string) =>
  join(
    dir,
    readdirSync(join(repo.root, dir))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .sort()[0]!,
  );

beforeAll(() => {
  repo = createWorkspaceCopy();
  renderProjects = list(nx('show', 'projects', '-t', 'render'));
  policyProjects = list(nx('show', 'projects', '-t', 'policy'));
  const graphFile = join(repo.root, 'tmp-graph.json');
  nx('graph', `--file=${graphFile}`);
  dependencies = (
    JSON.parse(readFileSync(graphFile, 'utf8')) as { graph: { dependencies: Record<string, { target: string }[]> } }
  ).graph.dependencies;
  spawnSync('rm', ['-f', graphFile]);
}, 300_000);

afterAll(() => repo?.dispose());

describe('nx affected on a temp clone', () => {
  it('has a policy target on every render app and one whole-tree check on policy-check', () => {
    expect(renderProjects.length).toBeGreaterThanOrEqual(4);
    expect(policyProjects).toStrictEqual([...renderProjects, 'policy-check'].sort());
  });

  it('re-renders and re-checks the app whose source changed, and none of its sibling apps', () => {
    expect(renderProjects).toContain('core-services');
    const file = firstSourceFile('apps/core-services/src');
    const affected = affectedBy(() => appendFileSync(join(repo.root, file), '\n// touched\n'));
    // The app plus whatever renders from it (the platform's app-of-apps may), never an unrelated app.
    const expected = withDependents('core-services');
    expect(affected.render).toStrictEqual(expected.filter((project) => renderProjects.includes(project)));
    expect(affected.policy).toStrictEqual(expected.filter((project) => policyProjects.includes(project)));
    expect(affected.policy).toContain('core-services');
    for (const sibling of ['data-services', 'event-functions', 'observability']) {
      if (!expected.includes(sibling)) expect(affected.policy).not.toContain(sibling);
    }
    expect(affected.policy).not.toContain('policy-check');
  }, 120_000);

  it("runs the app's policy check over every cluster folder it renders into, whole", () => {
    const result = runNx('run', 'core-services:policy', '--outputStyle=static');
    const output = `${result.stdout}${result.stderr}`;
    const clusters = readdirSync(join(repo.root, 'gitops'))
      .filter((cluster) => existsSync(join(repo.root, 'gitops', cluster, 'core-services')))
      .sort()
      .map((cluster) => `gitops/${cluster}`);
    expect(clusters.length).toBeGreaterThanOrEqual(2);
    expect(output).toContain(`core-services renders into ${clusters.join(', ')}; checking those clusters whole`);
    expect(output).toMatch(/\d+ tests, \d+ passed, \d+ warnings, 0 failures, \d+ exceptions/);
    expect(result.status).toBe(0);
  }, 180_000);

  it('re-renders and re-checks every app when an environment file changes (every prod cluster renders from it)', () => {
    const affected = affectedBy(() => appendFileSync(join(repo.root, 'environments/prod.yaml'), '# touched\n'));
    expect(affected.render).toStrictEqual(renderProjects);
    expect(affected.policy).toStrictEqual(renderProjects);
  }, 120_000);

  it('re-checks the whole tree when a policy changes, without selecting any render, and fails on what it finds', () => {
    // GIVEN a data change that makes every rendered image come from a registry that is no longer allowed
    const affected = affectedBy(() => {
      const file = join(repo.root, 'policies/data.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('- ghcr.io/go-coffee/', '- registry.example.com/'));
    });
    expect(affected.all).toContain('policies');
    expect(affected.render).toStrictEqual([]);
    // THEN the policy target selected is the whole-tree check ...
    expect(affected.policy).toStrictEqual(['policy-check']);
    // ... and running what the pull-request workflow runs fails, naming the policy and an object.
    const run = runNx('affected', '-t', 'policy', '--base', 'HEAD~1', '--head', 'HEAD', '--outputStyle=static');
    // Nx colours its output whenever the environment asks for colour (CI often does); compare plain text.
    const output = stripVTControlCharacters(`${run.stdout}${run.stderr}`);
    expect(output).toContain('nx run policy-check:policy');
    expect(output).toMatch(
      /FAIL - gitops\/[^ ]+\.yaml - main\.images - \S+ Deployment \S+: container \S+ uses image ghcr\.io\/go-coffee\/\S+ from a registry that is not allowed/,
    );
    expect(run.status).not.toBe(0);
  }, 180_000);

  it('selects a library and exactly its dependents when the library changes', () => {
    const file = firstSourceFile('libs/workload-constructs/src');
    const affected = affectedBy(() => appendFileSync(join(repo.root, file), '\n// touched\n'));
    expect(affected.all).toStrictEqual(withDependents('workload-constructs'));
    expect(affected.all).toContain('core-services');
    expect(affected.all).not.toContain('drift');
    expect(affected.all).not.toContain('local-cluster');
    expect(affected.policy).toStrictEqual(
      withDependents('workload-constructs').filter((project) => policyProjects.includes(project)),
    );
    expect(affected.policy).toContain('core-services');
  }, 120_000);
});
