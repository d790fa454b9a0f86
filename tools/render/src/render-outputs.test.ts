// The render targets' Nx `outputs` against the committed tree: every file is covered by exactly one area's
// outputs, the area whose render writes it. Overlapping outputs would let one area's cache restore overwrite
// another's files; a gap would leave a file out of the cache. The outputs are read from the project graph, where
// the local Nx plugin (tools/nx-plugin) infers them from each area's declaration.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATIONS_FOLDER } from '@go-coffee/render-kit';
import { SOURCE_MAP_FOLDER } from '@go-coffee/source-map';
import { findAreaProjects } from './area-projects';
import { readCommittedTree } from './committed-tree';
import { loadLayout } from './load-areas';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

/** Nx output globs: `**` any depth, `*` within one path segment. */
function outputGlob(pattern: string): RegExp {
  const source = pattern
    .replace(/^\{workspaceRoot\}\//, '')
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** Each project's render outputs, as Nx resolves them (`nx graph --file`). */
function renderOutputs(): Map<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'render-outputs-'));
  try {
    const file = join(dir, 'graph.json');
    execFileSync(join(workspaceRoot, 'node_modules', '.bin', 'nx'), ['graph', `--file=${file}`], {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'ignore',
    });
    const graph = JSON.parse(readFileSync(file, 'utf8')) as {
      graph: { nodes: Record<string, { data: { targets?: Record<string, { outputs?: string[] }> } }> };
    };
    return new Map(
      Object.entries(graph.graph.nodes).map(([name, node]) => [name, node.data.targets?.render?.outputs ?? []]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const byProject = renderOutputs();
const outputs = findAreaProjects(workspaceRoot).map(({ project }) => ({
  project,
  globs: (byProject.get(project) ?? []).map(outputGlob),
}));
const layout = await loadLayout(workspaceRoot);

describe('render target outputs', () => {
  it('cover every committed file exactly once, by the project of the area that writes it', () => {
    const objects = readCommittedTree(workspaceRoot);
    expect(objects.length).toBeGreaterThan(0);
    const wrong = objects.flatMap(({ path, area, file }) => {
      const writer = area === APPLICATIONS_FOLDER ? layout.areaForApplicationFile(file) : area;
      const covering = outputs.filter((o) => o.globs.some((glob) => glob.test(path))).map((o) => o.project);
      return covering.length === 1 && covering[0] === writer
        ? []
        : [`${path}: written by ${writer}, in outputs of [${covering.join(', ')}]`];
    });
    expect(wrong).toStrictEqual([]);
  });

  it('cover every committed source map file once, by the project of its area', () => {
    const files = readdirSync(join(workspaceRoot, SOURCE_MAP_FOLDER)).flatMap((cluster) =>
      readdirSync(join(workspaceRoot, SOURCE_MAP_FOLDER, cluster)).map(
        (file) => `${SOURCE_MAP_FOLDER}/${cluster}/${file}`,
      ),
    );
    expect(files.length).toBeGreaterThan(0);
    const wrong = files.flatMap((path) => {
      const area = path.split('/')[2]!.replace(/\.json$/, '');
      const covering = outputs.filter((o) => o.globs.some((glob) => glob.test(path))).map((o) => o.project);
      return covering.length === 1 && covering[0] === area ? [] : [`${path}: in outputs of [${covering.join(', ')}]`];
    });
    expect(wrong).toStrictEqual([]);
  });

  it('are file globs that do not take a whole cluster folder or the shared applications folder', () => {
    const broad = outputs.flatMap((o) =>
      o.globs
        .filter(
          (glob) => glob.test('gitops/c/applications/application-argocd-unknown.yaml') || glob.test('gitops/c/x.yaml'),
        )
        .map((glob) => `${o.project}: ${glob.source}`),
    );
    expect(broad).toStrictEqual([]);
  });
});
