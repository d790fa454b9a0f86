// Loads every area's RenderArea in this process (for --check, the tests and the benchmark).
import type { RenderArea } from '@go-coffee/render-kit';
import { loadAreaModules } from '@go-coffee/render-kit';
import type { AreaProject } from './area-projects';

export function loadAreas(workspaceRoot: string, projects: readonly AreaProject[]): Promise<RenderArea[]> {
  return loadAreaModules(
    workspaceRoot,
    projects.map((project) => project.entry),
  );
}
