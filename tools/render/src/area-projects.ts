// Finds the render areas of the workspace: every apps/<name>/ folder with a declaration (src/area.ts), the same
// convention the Nx plugin (tools/nx-plugin) infers each area's project and render target from. Their entry
// modules are loaded by path, so this tool never imports an app.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AREA_ENTRY_MODULE, AREAS_FOLDER, findAreaFolders } from '@go-coffee/render-kit';

export interface AreaProject {
  /** Nx project name: the area's folder name. */
  readonly project: string;
  /** Workspace-relative entry module exporting the RenderArea. */
  readonly entry: string;
}

/** Every declared area with its entry module; throws naming the file when an area has none. */
export function findAreaProjects(workspaceRoot: string): AreaProject[] {
  return findAreaFolders(workspaceRoot).map((folder) => {
    const entry = `${folder}/${AREA_ENTRY_MODULE}`;
    if (!existsSync(join(workspaceRoot, entry))) {
      throw new Error(`${folder} declares an area but has no ${entry}; export the area's RenderArea there.`);
    }
    return { project: folder.slice(AREAS_FOLDER.length + 1), entry };
  });
}
