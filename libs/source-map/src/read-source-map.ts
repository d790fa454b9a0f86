// Reads the source map back for the tools that show findings (policy-check, gitops-sync drift, pr-report,
// where). A rendered path is looked up in the source map of the workspace it lives in: the nearest folder
// above it holding gitops-source-map/, so a tree checked out elsewhere (a PR's base ref) answers from its own
// source map. A workspace without one answers nothing (the tools then name the rendered file only); a source
// map that cannot be read is an error naming the file and the fix.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SOURCE_MAP_FOLDER } from './object-source';
import type { ObjectSource } from './object-source';

export class SourceMapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceMapError';
  }
}

/** Every entry of a workspace's source map, keyed by workspace-relative rendered path. */
export function readSourceMap(workspaceRoot: string): ReadonlyMap<string, ObjectSource> {
  const folder = join(workspaceRoot, SOURCE_MAP_FOLDER);
  const entries = new Map<string, ObjectSource>();
  if (!existsSync(folder)) return entries;
  for (const cluster of readdirSync(folder).sort()) {
    if (!statSync(join(folder, cluster)).isDirectory()) continue;
    for (const name of readdirSync(join(folder, cluster)).sort()) {
      if (!name.endsWith('.json')) continue;
      const shown = `${SOURCE_MAP_FOLDER}/${cluster}/${name}`;
      let parsed: { objects?: Record<string, ObjectSource> };
      try {
        parsed = JSON.parse(readFileSync(join(folder, cluster, name), 'utf8')) as typeof parsed;
      } catch (error) {
        throw new SourceMapError(
          `${shown}: not valid JSON (${(error as Error).message}); fix: run npm run render to regenerate it`,
        );
      }
      if (typeof parsed.objects !== 'object' || parsed.objects === null) {
        throw new SourceMapError(`${shown}: has no "objects"; fix: run npm run render to regenerate it`);
      }
      for (const [path, source] of Object.entries(parsed.objects)) entries.set(path, source);
    }
  }
  return entries;
}

/** The workspace holding `absolutePath` under its gitops/ folder and the path relative to it, if any. */
export function renderedPathOf(absolutePath: string): { readonly root: string; readonly path: string } | undefined {
  let dir = dirname(absolutePath);
  for (;;) {
    if (existsSync(join(dir, SOURCE_MAP_FOLDER)) || existsSync(join(dir, 'nx.json'))) {
      const path = relative(dir, absolutePath).split(sep).join('/');
      return path.startsWith('gitops/') ? { root: dir, path } : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Looks rendered files up, reading each workspace's source map once, on first use. */
export class SourceMapIndex {
  private readonly maps = new Map<string, ReadonlyMap<string, ObjectSource>>();

  /** @param cwd folder relative paths are resolved against. @default process.cwd() */
  constructor(private readonly cwd: string = process.cwd()) {}

  /** The source of a rendered file given as the tools show it (relative to cwd, or absolute). */
  lookup(renderedFile: string): ObjectSource | undefined {
    const found = renderedPathOf(resolve(this.cwd, renderedFile));
    if (!found) return undefined;
    let map = this.maps.get(found.root);
    if (!map) {
      map = readSourceMap(found.root);
      this.maps.set(found.root, map);
    }
    return map.get(found.path);
  }
}
