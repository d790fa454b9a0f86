import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffTree, writeTree } from './gitops-tree';
import type { TreeScope } from './gitops-tree';
import type { RenderedFile } from './render-cluster';
import { workspaceLayout as layout } from './test-fixtures/workspace-areas';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'source-map-tree-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const rendered = (cluster: string, area: string, name: string, line = 3): RenderedFile => ({
  cluster,
  area,
  path: `gitops/${cluster}/${area}/${name}.yaml`,
  content: `${name}\n`,
  manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } },
  source: { object: `v1 ConfigMap ${name}`, construct: `${area}/${name}`, source: `apps/${area}/src/x.ts:${line}` },
});
const put = (path: string, content = 'old\n'): void => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), content);
};
const scope: TreeScope = {
  folders: [{ cluster: 'dev', area: 'platform' }],
  areas: ['platform'],
  enabledClusters: new Set(['dev']),
  wholeTree: false,
  layout,
};

describe('the source map beside the tree', () => {
  it('is written per (cluster, area) outside gitops/, and --check holds it to the render', () => {
    writeTree(root, [rendered('dev', 'platform', 'a'), rendered('dev', 'platform', 'b')], scope);
    const map = JSON.parse(readFileSync(join(root, 'gitops-source-map/dev/platform.json'), 'utf8')) as {
      objects: Record<string, { source: string }>;
    };
    expect(Object.keys(map.objects)).toStrictEqual(['gitops/dev/platform/a.yaml', 'gitops/dev/platform/b.yaml']);
    expect(existsSync(join(root, 'gitops/dev/platform.json'))).toBe(false);
    expect(diffTree(root, [rendered('dev', 'platform', 'a'), rendered('dev', 'platform', 'b')], scope)).toStrictEqual({
      stale: [],
      extra: [],
    });
    // Code moved: the rendered objects are the same bytes, only their source line changed.
    expect(
      diffTree(root, [rendered('dev', 'platform', 'a', 4), rendered('dev', 'platform', 'b')], scope),
    ).toStrictEqual({
      stale: ['gitops-source-map/dev/platform.json'],
      extra: [],
    });
  });

  it("is an area's own: other areas' maps stay, a disabled cluster's map of the area goes", () => {
    put('gitops-source-map/dev/core-services.json');
    put('gitops-source-map/old-cluster/platform.json');
    put('gitops-source-map/old-cluster/core-services.json');
    const diff = writeTree(root, [rendered('dev', 'platform', 'a')], scope);
    expect(diff.extra).toStrictEqual(['gitops-source-map/old-cluster/platform.json']);
    expect(existsSync(join(root, 'gitops-source-map/dev/core-services.json'))).toBe(true);
    expect(existsSync(join(root, 'gitops-source-map/old-cluster/core-services.json'))).toBe(true);
  });

  it('is removed with its area when the area renders nothing, and strays go in a whole-tree run', () => {
    put('gitops-source-map/dev/platform.json');
    put('gitops-source-map/dev/not-an-area.json');
    put('gitops-source-map/stray.json');
    expect(diffTree(root, [], { ...scope, wholeTree: true }).extra).toStrictEqual([
      'gitops-source-map/dev/not-an-area.json',
      'gitops-source-map/dev/platform.json',
      'gitops-source-map/stray.json',
    ]);
    const cleanUp: TreeScope = { folders: [], areas: [], enabledClusters: new Set(['dev']), wholeTree: true, layout };
    writeTree(root, [], cleanUp);
    expect(existsSync(join(root, 'gitops-source-map/dev/platform.json'))).toBe(true);
    expect(existsSync(join(root, 'gitops-source-map/stray.json'))).toBe(false);
  });
});
