// The source map files of a render: one gitops-source-map/<cluster>/<area>.json per (cluster, area) with every
// file that area's render wrote (its folder and its own child Applications), for the tree writer to write and
// for render --check to compare like any rendered file.
import { serializeSourceMap, sourceMapPath } from '@go-coffee/source-map';
import type { ObjectSource } from '@go-coffee/source-map';
import type { RenderedFile } from './render-cluster';

export interface GeneratedFile {
  /** Workspace-relative. */
  readonly path: string;
  readonly content: string;
}

/** Source map files for the rendered files that carry a source, sorted by path. */
export function sourceMapFiles(files: readonly RenderedFile[]): GeneratedFile[] {
  const byMap = new Map<string, Map<string, ObjectSource>>();
  for (const file of files) {
    if (file.source === undefined) continue;
    const path = sourceMapPath(file.cluster, file.area);
    const entries = byMap.get(path) ?? new Map<string, ObjectSource>();
    entries.set(file.path, file.source);
    byMap.set(path, entries);
  }
  return [...byMap]
    .map(([path, entries]) => ({ path, content: serializeSourceMap(entries) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}
