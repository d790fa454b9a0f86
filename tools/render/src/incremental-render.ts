// Incremental render: re-renders only the (cluster, area) pairs whose inputs changed since the last render
// into the same tree. A pair's key hashes the cluster's resolved ClusterContext with the area's code (its
// app folder) and the code every area shares (libs/, the lockfile), so a change to one cluster's
// configuration re-renders that cluster only, and a change to one area's code re-renders that area in every
// cluster. Each pair renders exactly as in a full render (renderCluster with that one area; no area needs
// another area's objects), so the written tree is byte-for-byte the full render's.
// The keys live outside gitops/ (node_modules/.cache/go-coffee-render/), one file per output tree. A pair is
// also re-rendered when its folder has vanished. Hand edits inside gitops/ are not detected here: that is
// what `npm run render -- --check` is for, and it never uses this cache.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ClusterContext } from '@go-coffee/environments';
import { renderCluster, writeTree } from '@go-coffee/render-kit';
import type { AreaLayout, RenderArea, RenderedFile } from '@go-coffee/render-kit';

/** An area with the folders whose files make up its code. */
export interface AreaWithSources {
  readonly area: RenderArea;
  /** Workspace-relative folders (e.g. `apps/platform`) whose files change this area's output. */
  readonly sourceDirs: readonly string[];
}

export interface IncrementalRenderOptions {
  readonly workspaceRoot: string;
  /** Root the tree is written under (`<outRoot>/gitops/<cluster>/<area>/…`); the workspace root for gitops/. */
  readonly outRoot: string;
  readonly areas: readonly AreaWithSources[];
  /** Every declared area of the workspace (the platform area renders their namespaces and AppProjects). */
  readonly layout: AreaLayout;
  readonly clusters: readonly ClusterContext[];
  /** Every cluster enabled in any environment; folders of other clusters are deleted for the rendered areas. */
  readonly enabledClusters: ReadonlySet<string>;
  /** Workspace-relative folders and files every area depends on. @default SHARED_RENDER_INPUTS */
  readonly sharedInputs?: readonly string[];
  /** Where the keys are kept. @default <workspaceRoot>/node_modules/.cache/go-coffee-render */
  readonly cacheDir?: string;
}

export interface IncrementalRenderResult {
  /** Pairs rendered this run, as `<cluster>/<area>`, sorted. */
  readonly rendered: readonly string[];
  /** Pairs whose key was unchanged. */
  readonly skipped: number;
  readonly files: readonly RenderedFile[];
  readonly written: number;
  readonly deleted: number;
}

/** Code every area's output depends on besides its own folder. */
export const SHARED_RENDER_INPUTS = ['libs', 'package-lock.json'] as const;

const IGNORED_ENTRIES = new Set(['node_modules', '__snapshots__', '.git']);

function hashInputs(workspaceRoot: string, paths: readonly string[]): string {
  const hash = createHash('sha256');
  const visit = (relativePath: string): void => {
    const absolute = join(workspaceRoot, relativePath);
    if (!existsSync(absolute)) return;
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) {
        // Tests do not change what an area renders; editing one must not re-render the fleet.
        if (IGNORED_ENTRIES.has(entry) || /\.test\.ts$/.test(entry)) continue;
        visit(`${relativePath}/${entry}`);
      }
      return;
    }
    hash.update(relativePath).update('\0').update(readFileSync(absolute)).update('\0');
  };
  for (const path of [...paths].sort()) visit(path);
  return hash.digest('hex');
}

/** JSON with object keys sorted, so equal contexts hash equally whatever order the loader built them in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface CacheEntry {
  readonly key: string;
  readonly files: number;
}

function cacheFile(options: IncrementalRenderOptions): string {
  const dir = options.cacheDir ?? join(options.workspaceRoot, 'node_modules', '.cache', 'go-coffee-render');
  const tree = createHash('sha256').update(relative(options.workspaceRoot, options.outRoot)).digest('hex');
  return join(dir, `${tree.slice(0, 16)}.json`);
}

function readCache(path: string): Record<string, CacheEntry> {
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, CacheEntry>;
  } catch {
    // A torn or hand-edited cache only costs a full render.
    return {};
  }
}

/** Renders the pairs whose key changed, writes them and records the new keys. */
export function renderIncrementally(options: IncrementalRenderOptions): IncrementalRenderResult {
  const shared = hashInputs(options.workspaceRoot, options.sharedInputs ?? SHARED_RENDER_INPUTS);
  const areaCode = new Map(
    options.areas.map(({ area, sourceDirs }) => [
      area.name,
      createHash('sha256').update(shared).update(hashInputs(options.workspaceRoot, sourceDirs)).digest('hex'),
    ]),
  );
  const path = cacheFile(options);
  const previous = readCache(path);
  const next: Record<string, CacheEntry> = { ...previous };
  const rendered: string[] = [];
  const files: RenderedFile[] = [];
  const folders: { cluster: string; area: string }[] = [];
  let skipped = 0;
  for (const ctx of options.clusters) {
    const context = stableJson(ctx);
    for (const { area } of options.areas) {
      const pair = `${ctx.name}/${area.name}`;
      const key = createHash('sha256').update(areaCode.get(area.name)!).update(context).digest('hex');
      const cached = previous[pair];
      const folder = `${ctx.gitops.path}/${area.name}`;
      const folderPresent = cached !== undefined && (cached.files === 0 || existsSync(join(options.outRoot, folder)));
      if (cached?.key === key && folderPresent) {
        skipped += 1;
        continue;
      }
      const pairFiles = renderCluster(ctx, [area], { layout: options.layout });
      files.push(...pairFiles);
      folders.push({ cluster: ctx.name, area: area.name });
      rendered.push(pair);
      next[pair] = { key, files: pairFiles.filter((file) => file.path.startsWith(`${folder}/`)).length };
    }
  }
  const diff = writeTree(options.outRoot, files, {
    folders,
    areas: [...new Set(folders.map((folder) => folder.area))],
    enabledClusters: options.enabledClusters,
    wholeTree: false,
    layout: options.layout,
  });
  // Keys of clusters no longer rendered would otherwise grow the cache file forever.
  for (const pair of Object.keys(next)) {
    if (!options.enabledClusters.has(pair.slice(0, pair.indexOf('/')))) delete next[pair];
  }
  mkdirSync(join(path, '..'), { recursive: true });
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(path, `${JSON.stringify(sorted)}\n`);
  return { rendered: rendered.sort(), skipped, files, written: diff.stale.length, deleted: diff.extra.length };
}
