// The render targets' Nx `outputs` against the committed tree: every file is covered by exactly one area's
// outputs, the area whose render writes it. Overlapping outputs would let one area's cache restore overwrite
// another's files; a gap would leave a file out of the cache.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATIONS_FOLDER, areaForApplicationFile } from '@go-coffee/render-kit';
import { findAreaProjects } from './area-projects';
import { readCommittedTree } from './committed-tree';

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

const outputs = findAreaProjects(workspaceRoot).map(({ project, entry }) => {
  const dir = entry.split('/').slice(0, 2).join('/');
  const config = JSON.parse(readFileSync(join(workspaceRoot, dir, 'project.json'), 'utf8')) as {
    targets: { render: { outputs: string[] } };
  };
  return { project, globs: config.targets.render.outputs.map(outputGlob) };
});

describe('render target outputs', () => {
  it('cover every committed file exactly once, by the project of the area that writes it', () => {
    const objects = readCommittedTree(workspaceRoot);
    expect(objects.length).toBeGreaterThan(0);
    const wrong = objects.flatMap(({ path, area, file }) => {
      const writer = area === APPLICATIONS_FOLDER ? areaForApplicationFile(file) : area;
      const covering = outputs.filter((o) => o.globs.some((glob) => glob.test(path))).map((o) => o.project);
      return covering.length === 1 && covering[0] === writer
        ? []
        : [`${path}: written by ${writer}, in outputs of [${covering.join(', ')}]`];
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
