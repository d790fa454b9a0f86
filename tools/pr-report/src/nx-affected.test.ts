// `nx affected` must select exactly the work a change needs, or the pull-request workflow either misses
// a broken render/policy or wastes the runners. Checked on a throwaway copy of this workspace with real
// commits and the real Nx project graph.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceCopy, type WorkspaceCopy } from './workspace-copy';

let repo: WorkspaceCopy;
let renderProjects: string[];
let policyProjects: string[];
let dependencies: Record<string, { target: string }[]>;

function nx(...args: string[]): string {
  const result = spawnSync('npx', ['nx', ...args], {
    cwd: repo.root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (result.status !== 0) throw new Error(`nx ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const list = (output: string) =>
  output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .sort();

/** Commits an edit and returns `nx show projects --affected` for it, optionally for one target. */
function affectedBy(edit: () => void, target?: string): string[] {
  const base = repo.git('rev-parse', 'HEAD').trim();
  edit();
  const head = repo.commitAll('change');
  return list(nx('show', 'projects', '--affected', '--base', base, '--head', head, ...(target ? ['-t', target] : [])));
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
  it('re-renders only the app whose source changed', () => {
    expect(renderProjects).toContain('core-services');
    const file = firstSourceFile('apps/core-services/src');
    const affected = affectedBy(() => appendFileSync(join(repo.root, file), '\n// touched\n'), 'render');
    expect(affected).toStrictEqual(['core-services']);
    const anyTarget = list(nx('show', 'projects', '--affected', '--base', 'HEAD~1', '--head', 'HEAD'));
    expect(anyTarget.filter((project) => renderProjects.includes(project))).toStrictEqual(['core-services']);
    expect(
      anyTarget.filter((project) => policyProjects.includes(project) && project !== 'core-services'),
    ).toStrictEqual([]);
  }, 120_000);

  it('re-renders every app when an environment file changes (every prod cluster renders from it)', () => {
    const affected = affectedBy(
      () => appendFileSync(join(repo.root, 'environments/prod.yaml'), '# touched\n'),
      'render',
    );
    expect(affected).toStrictEqual(renderProjects);
    expect(renderProjects.length).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('re-checks policy everywhere when a policy changes, without re-rendering anything', () => {
    const rego = readdirSync(join(repo.root, 'policies/main/images')).find(
      (name) => name.endsWith('.rego') && !name.endsWith('_test.rego'),
    )!;
    const affected = affectedBy(() => appendFileSync(join(repo.root, 'policies/main/images', rego), '\n# touched\n'));
    expect(affected).toContain('policies');
    expect(affected).toContain('policy-check');
    expect(affected.filter((project) => renderProjects.includes(project))).toStrictEqual([]);
    // Every project with a policy target checks the whole tree against the new bundle.
    expect(
      list(nx('show', 'projects', '--affected', '--base', 'HEAD~1', '--head', 'HEAD', '-t', 'policy')),
    ).toStrictEqual(policyProjects);
  }, 120_000);

  it('selects a library and exactly its dependents when the library changes', () => {
    const file = firstSourceFile('libs/workload-constructs/src');
    const affected = affectedBy(() => appendFileSync(join(repo.root, file), '\n// touched\n'));
    expect(affected).toStrictEqual(withDependents('workload-constructs'));
    expect(affected).toContain('core-services');
    expect(affected).not.toContain('drift');
    expect(affected).not.toContain('local-cluster');
  }, 120_000);
});
