// Loads areas by path at run time, so that neither the engine nor the tools import an app. An area is one folder,
// apps/<name>/, recognised by its declaration module apps/<name>/src/area.ts (the same convention the Nx plugin in
// tools/nx-plugin infers the area's project from); its entry module apps/<name>/src/index.ts exports the RenderArea.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AreaLayout } from './application-layout';
import type { AreaDeclaration, RenderArea } from './render-area';

/** Folder holding one folder per area. */
export const AREAS_FOLDER = 'apps';
/** Declaration module of an area, relative to its folder. */
export const AREA_DECLARATION_MODULE = 'src/area.ts';
/** Entry module of an area (exports its RenderArea), relative to its folder. */
export const AREA_ENTRY_MODULE = 'src/index.ts';

export function isRenderArea(value: unknown): value is RenderArea {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RenderArea).name === 'string' &&
    typeof (value as RenderArea).render === 'function'
  );
}

/**
 * An object that declares an area: a name and a namespace. The rest (a sync wave above all) is checked by
 * AreaLayout, so a declaration missing its wave is refused with that reason.
 */
export function isAreaDeclaration(value: unknown): value is AreaDeclaration {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AreaDeclaration).name === 'string' &&
    typeof (value as AreaDeclaration).namespace === 'string'
  );
}

/** Workspace-relative folders of the declared areas (`apps/<name>` with a src/area.ts), ordered. */
export function findAreaFolders(workspaceRoot: string): string[] {
  const dir = join(workspaceRoot, AREAS_FOLDER);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .filter((name) => existsSync(join(dir, name, AREA_DECLARATION_MODULE)))
    .map((name) => `${AREAS_FOLDER}/${name}`);
}

/**
 * Imports every area's declaration module and returns the workspace's layout. Each module exports exactly one
 * declaration, named like its folder; otherwise throws with the file and the fix.
 */
export async function loadAreaLayout(workspaceRoot: string): Promise<AreaLayout> {
  const declarations: AreaDeclaration[] = [];
  for (const folder of findAreaFolders(workspaceRoot)) {
    const modulePath = `${folder}/${AREA_DECLARATION_MODULE}`;
    const loaded = (await import(pathToFileURL(resolve(workspaceRoot, modulePath)).href)) as Record<string, unknown>;
    const found = Object.values(loaded).filter(isAreaDeclaration);
    if (found.length !== 1) {
      throw new Error(
        `${modulePath} exports ${found.length} area declarations (objects with a name and a namespace); export exactly one.`,
      );
    }
    const declaration = found[0]!;
    const folderName = folder.slice(AREAS_FOLDER.length + 1);
    if (declaration.name !== folderName) {
      throw new Error(
        `${modulePath} declares the area "${declaration.name}"; an area is named like its folder, "${folderName}".`,
      );
    }
    declarations.push(declaration);
  }
  return new AreaLayout(declarations);
}

/** Imports the area modules and returns their RenderAreas, ordered by name. */
export async function loadAreaModules(workspaceRoot: string, modulePaths: readonly string[]): Promise<RenderArea[]> {
  const areas: RenderArea[] = [];
  for (const modulePath of modulePaths) {
    const loaded = (await import(pathToFileURL(resolve(workspaceRoot, modulePath)).href)) as Record<string, unknown>;
    const found = Object.values(loaded).filter(isRenderArea);
    if (found.length === 0) {
      throw new Error(`${modulePath} exports no RenderArea (an object with a name and a render function); export one.`);
    }
    areas.push(...found);
  }
  const names = areas.map((area) => area.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`two modules export the RenderArea "${duplicate}"; area names must be unique.`);
  return areas.sort((a, b) => (a.name < b.name ? -1 : 1));
}
