// Writes rendered files into gitops/ or compares them with what is there. Each (cluster, area) folder in the
// render scope is owned completely, and so are the area's own files in the cluster's shared applications folder:
// files not rendered are extra and get deleted. Folders of clusters that no environment enables any more, and
// folders of unknown areas, are extra too. Which areas exist and who writes which Application comes from the
// workspace's area declarations (AreaLayout). The render's source map (gitops-source-map/<cluster>/<area>.json,
// outside gitops/ so no Application, policy gate or drift check reads it) is owned the same way, per area.
// A cluster's README.md (its picture) is written by the whole-tree step of `npm run render` after every area has
// rendered, so an area's or the whole render's check leaves it alone.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SOURCE_MAP_FOLDER, sourceMapPath } from '@go-coffee/source-map';
import { APPLICATIONS_FOLDER } from './application-layout';
import type { AreaLayout } from './application-layout';
import type { RenderedFile } from './render-cluster';
import { sourceMapFiles } from './source-map-files';
import type { GeneratedFile } from './source-map-files';

/** The generated picture of each cluster folder, `gitops/<cluster>/README.md`; no Argo CD source reads it. */
export const CLUSTER_README_FILE = 'README.md';

/** What the tree functions need of a rendered file. */
export type TreeFile = Pick<RenderedFile, 'path' | 'content'>;

export interface TreeScope {
  /** (cluster, area) folders this run renders completely. */
  readonly folders: readonly { readonly cluster: string; readonly area: string }[];
  /** Areas this run is responsible for, to find folders of clusters that are no longer enabled. */
  readonly areas: readonly string[];
  /** Every cluster enabled in any environment; other cluster folders are extra. */
  readonly enabledClusters: ReadonlySet<string>;
  /** Also report folders/files of unknown areas and stray files (set when every area renders). */
  readonly wholeTree: boolean;
  /** Every declared area of the workspace and the Applications each one writes. */
  readonly layout: AreaLayout;
}

export interface TreeDiff {
  /** Files whose content differs from the render, or that are missing. Workspace-relative, sorted. */
  readonly stale: readonly string[];
  /** Files present that the render does not produce. Workspace-relative, sorted. */
  readonly extra: readonly string[];
}

function listFiles(root: string, relativeDir: string): string[] {
  const dir = join(root, relativeDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const rel = `${relativeDir}/${entry}`;
    return statSync(join(root, rel)).isDirectory() ? listFiles(root, rel) : [rel];
  });
}

function listDirs(root: string, relativeDir: string): string[] {
  const dir = join(root, relativeDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((entry) => statSync(join(dir, entry)).isDirectory());
}

/**
 * Files of the cluster's applications folder that the renders of `areas` write (areaForApplicationFile); the folder
 * is shared, so each area answers only for its own files there. With `unclaimed`, also the files no area writes.
 */
function applicationFiles(
  root: string,
  cluster: string,
  areas: readonly string[],
  layout: AreaLayout,
  unclaimed = false,
): string[] {
  const folder = `gitops/${cluster}/${APPLICATIONS_FOLDER}`;
  return listFiles(root, folder).filter((path) => {
    const writer = layout.areaForApplicationFile(basename(path));
    return writer === undefined ? unclaimed : areas.includes(writer);
  });
}

/** A file of an area's render (it has a source map entry), not a whole-tree file such as a cluster README. */
function isRenderedFile(file: TreeFile): file is RenderedFile {
  return 'area' in file && 'cluster' in file;
}

/** Compares the render with the tree on disk; touches nothing. */
export function diffTree(root: string, files: readonly TreeFile[], scope: TreeScope): TreeDiff {
  const generated: GeneratedFile[] = [...files, ...sourceMapFiles(files.filter(isRenderedFile))];
  const wanted = new Map(generated.map((file) => [file.path, file.content]));
  const stale = generated
    .filter((file) => {
      const path = join(root, file.path);
      return !existsSync(path) || readFileSync(path, 'utf8') !== file.content;
    })
    .map((file) => file.path);
  const candidates = new Set<string>();
  for (const folder of scope.folders) {
    for (const path of listFiles(root, `gitops/${folder.cluster}/${folder.area}`)) candidates.add(path);
    for (const path of applicationFiles(root, folder.cluster, [folder.area], scope.layout)) candidates.add(path);
    if (existsSync(join(root, sourceMapPath(folder.cluster, folder.area)))) {
      candidates.add(sourceMapPath(folder.cluster, folder.area));
    }
  }
  for (const path of sourceMapExtras(root, scope)) candidates.add(path);
  for (const cluster of listDirs(root, 'gitops')) {
    const clusterDir = `gitops/${cluster}`;
    const clusterKnown = scope.enabledClusters.has(cluster);
    for (const area of listDirs(root, clusterDir)) {
      if (area === APPLICATIONS_FOLDER) {
        if (!clusterKnown || scope.wholeTree) {
          const areas = scope.wholeTree ? scope.layout.areaNames : scope.areas;
          const owned = clusterKnown ? [] : areas;
          for (const path of applicationFiles(root, cluster, owned, scope.layout, scope.wholeTree))
            candidates.add(path);
        }
        continue;
      }
      const areaKnown = scope.layout.hasArea(area);
      const inScope = scope.areas.includes(area);
      if ((inScope && !clusterKnown) || (scope.wholeTree && (!areaKnown || !clusterKnown))) {
        for (const path of listFiles(root, `${clusterDir}/${area}`)) candidates.add(path);
      }
    }
    if (scope.wholeTree) {
      for (const entry of readdirSync(join(root, clusterDir))) {
        if (clusterKnown && entry === CLUSTER_README_FILE) continue;
        if (!statSync(join(root, clusterDir, entry)).isDirectory()) candidates.add(`${clusterDir}/${entry}`);
      }
    }
  }
  if (scope.wholeTree && existsSync(join(root, 'gitops'))) {
    for (const entry of readdirSync(join(root, 'gitops'))) {
      if (!statSync(join(root, 'gitops', entry)).isDirectory()) candidates.add(`gitops/${entry}`);
    }
  }
  const extra = [...candidates].filter((path) => !wanted.has(path));
  return { stale: stale.sort(), extra: extra.sort() };
}

/**
 * Source map files of clusters no environment enables (for the areas in scope, or all when the run owns the whole
 * tree), and, for a whole-tree run, of unknown areas and anything else in the source map folder.
 */
function sourceMapExtras(root: string, scope: TreeScope): string[] {
  const extras: string[] = [];
  for (const entry of existsSync(join(root, SOURCE_MAP_FOLDER)) ? readdirSync(join(root, SOURCE_MAP_FOLDER)) : []) {
    const clusterDir = `${SOURCE_MAP_FOLDER}/${entry}`;
    if (!statSync(join(root, clusterDir)).isDirectory()) {
      if (scope.wholeTree) extras.push(clusterDir);
      continue;
    }
    const clusterKnown = scope.enabledClusters.has(entry);
    for (const path of listFiles(root, clusterDir)) {
      const area = /^[^/]+\/[^/]+\/([^/]+)\.json$/.exec(path)?.[1];
      const areaKnown = area !== undefined && scope.layout.hasArea(area);
      const inScope = area !== undefined && scope.areas.includes(area);
      if ((inScope && !clusterKnown) || (scope.wholeTree && (!areaKnown || !clusterKnown))) extras.push(path);
    }
  }
  return extras;
}

/** Makes the tree equal to the render: writes stale files, deletes extra ones and folders left empty. */
export function writeTree(root: string, files: readonly TreeFile[], scope: TreeScope): TreeDiff {
  const diff = diffTree(root, files, scope);
  const byPath = new Map(
    [...files, ...sourceMapFiles(files.filter(isRenderedFile))].map((file) => [file.path, file.content]),
  );
  for (const path of diff.stale) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), byPath.get(path)!);
  }
  for (const path of diff.extra) {
    rmSync(join(root, path));
    removeEmptyParents(root, dirname(path));
  }
  return diff;
}

function removeEmptyParents(root: string, relativeDir: string): void {
  let dir = relativeDir;
  while (
    (dir.startsWith('gitops/') || dir.startsWith(`${SOURCE_MAP_FOLDER}/`)) &&
    existsSync(join(root, dir)) &&
    readdirSync(join(root, dir)).length === 0
  ) {
    rmdirSync(join(root, dir));
    dir = dirname(dir);
  }
}
