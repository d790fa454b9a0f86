// Loads RenderAreas from entry modules given by path at run time, so that neither the engine nor the tools
// import an app. Every export that looks like a RenderArea (a `name` and a `render` function) counts.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RenderArea } from './render-area';

export function isRenderArea(value: unknown): value is RenderArea {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RenderArea).name === 'string' &&
    typeof (value as RenderArea).render === 'function'
  );
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
