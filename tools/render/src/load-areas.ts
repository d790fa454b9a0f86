// Loads every area's RenderArea in this process (for --check, --incremental, the tests and the benchmarks), and
// the layout of every area's declaration.
import { dirname } from 'node:path';
import type { AreaLayout, RenderArea } from '@go-coffee/render-kit';
import { loadAreaLayout, loadAreaModules } from '@go-coffee/render-kit';
import type { AreaProject } from './area-projects';
import type { AreaWithSources } from './incremental-render';

export function loadAreas(workspaceRoot: string, projects: readonly AreaProject[]): Promise<RenderArea[]> {
  return loadAreaModules(
    workspaceRoot,
    projects.map((project) => project.entry),
  );
}

/** Every declared area of the workspace (apps/<name>/src/area.ts), without loading the areas' code. */
export function loadLayout(workspaceRoot: string): Promise<AreaLayout> {
  return loadAreaLayout(workspaceRoot);
}

/** Every area with its app folder (`apps/<dir>`, the parent of the entry's src/) as its code. */
export async function loadAreasWithSources(
  workspaceRoot: string,
  projects: readonly AreaProject[],
): Promise<AreaWithSources[]> {
  const loaded: AreaWithSources[] = [];
  for (const project of projects) {
    const appDir = dirname(dirname(project.entry));
    for (const area of await loadAreaModules(workspaceRoot, [project.entry]))
      loaded.push({ area, sourceDirs: [appDir] });
  }
  return loaded.sort((a, b) => (a.area.name < b.area.name ? -1 : 1));
}
