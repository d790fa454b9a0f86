// Loads every area's RenderArea in this process (for --check, the tests and the benchmark), and the layout of
// every area's declaration.
import type { AreaLayout, RenderArea } from '@go-coffee/render-kit';
import { loadAreaLayout, loadAreaModules } from '@go-coffee/render-kit';
import type { AreaProject } from './area-projects';

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
