// The source map files are in the Nx `outputs` of the area that writes them, exactly once, so a cache hit restores
// them with the area's objects and no other area's restore overwrites them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_MAP_FOLDER } from '@go-coffee/source-map';
import { findAreaProjects } from './area-projects';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

const outputGlob = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/^\{workspaceRoot\}\//, '')
      .split(/(\*\*|\*)/)
      .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );

describe('source map outputs', () => {
  it('cover every committed source map file once, by the project of its area', () => {
    const projects = findAreaProjects(workspaceRoot).map(({ project, entry }) => {
      const dir = entry.split('/').slice(0, 2).join('/');
      const config = JSON.parse(readFileSync(join(workspaceRoot, dir, 'project.json'), 'utf8')) as {
        targets: { render: { outputs: string[] } };
      };
      return { project, globs: config.targets.render.outputs.map(outputGlob) };
    });
    const files = readdirSync(join(workspaceRoot, SOURCE_MAP_FOLDER)).flatMap((cluster) =>
      readdirSync(join(workspaceRoot, SOURCE_MAP_FOLDER, cluster)).map(
        (file) => `${SOURCE_MAP_FOLDER}/${cluster}/${file}`,
      ),
    );
    expect(files.length).toBeGreaterThan(0);
    const wrong = files.flatMap((path) => {
      const area = path.split('/')[2]!.replace(/\.json$/, '');
      const covering = projects.filter((p) => p.globs.some((glob) => glob.test(path))).map((p) => p.project);
      return covering.length === 1 && covering[0] === area ? [] : [`${path}: in outputs of [${covering.join(', ')}]`];
    });
    expect(wrong).toStrictEqual([]);
  });
});
