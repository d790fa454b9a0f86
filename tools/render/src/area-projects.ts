// Finds the render areas of the workspace: every apps/<dir>/project.json with a `render` target. Their
// entry modules are loaded by path, so this tool never imports an app.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface AreaProject {
  /** Nx project name. */
  readonly project: string;
  /** Workspace-relative entry module exporting the RenderArea. */
  readonly entry: string;
}

export function findAreaProjects(workspaceRoot: string): AreaProject[] {
  const appsDir = join(workspaceRoot, 'apps');
  if (!existsSync(appsDir)) return [];
  return readdirSync(appsDir)
    .sort()
    .flatMap((dir) => {
      const projectFile = join(appsDir, dir, 'project.json');
      if (!existsSync(projectFile)) return [];
      const project = JSON.parse(readFileSync(projectFile, 'utf8')) as {
        name: string;
        targets?: Record<string, unknown>;
      };
      const entry = `apps/${dir}/src/index.ts`;
      if (!project.targets?.render || !existsSync(join(workspaceRoot, entry))) return [];
      return [{ project: project.name, entry }];
    });
}
