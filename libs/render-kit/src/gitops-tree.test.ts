import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffTree, writeTree } from './gitops-tree';
import type { TreeScope } from './gitops-tree';
import type { RenderedFile } from './render-cluster';
import { workspaceLayout as layout } from './test-fixtures/workspace-areas';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tree-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const file = (path: string, content: string): RenderedFile => ({
  cluster: path.split('/')[1]!,
  area: path.split('/')[2]!,
  path,
  content,
  manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
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

describe('gitops tree', () => {
  it('lists missing and changed files as stale and unrendered files of the folder as extra', () => {
    put('gitops/dev/platform/a.yaml', 'a\n');
    put('gitops/dev/platform/b.yaml', 'changed\n');
    put('gitops/dev/platform/gone.yaml');
    const files = [
      file('gitops/dev/platform/a.yaml', 'a\n'),
      file('gitops/dev/platform/b.yaml', 'b\n'),
      file('gitops/dev/platform/c.yaml', 'c\n'),
    ];
    expect(diffTree(root, files, scope)).toStrictEqual({
      stale: ['gitops/dev/platform/b.yaml', 'gitops/dev/platform/c.yaml'],
      extra: ['gitops/dev/platform/gone.yaml'],
    });
  });

  it('leaves other areas alone but removes its area from clusters no environment enables', () => {
    put('gitops/dev/core-services/x.yaml');
    put('gitops/old-cluster/platform/x.yaml');
    put('gitops/old-cluster/core-services/x.yaml');
    const diff = writeTree(root, [file('gitops/dev/platform/a.yaml', 'a\n')], scope);
    expect(diff.extra).toStrictEqual(['gitops/old-cluster/platform/x.yaml']);
    expect(existsSync(join(root, 'gitops/dev/core-services/x.yaml'))).toBe(true);
    expect(existsSync(join(root, 'gitops/old-cluster/platform'))).toBe(false);
    expect(existsSync(join(root, 'gitops/old-cluster/core-services/x.yaml'))).toBe(true);
  });

  it("leaves an enabled cluster's README.md to the picture step, and deletes a removed cluster's", () => {
    // GIVEN the whole tree, an enabled cluster and a removed one, each with its generated picture
    put('gitops/dev/README.md', 'picture\n');
    put('gitops/dev/stray.txt');
    put('gitops/old-cluster/README.md', 'picture\n');
    const whole: TreeScope = { folders: [], areas: [], enabledClusters: new Set(['dev']), wholeTree: true, layout };
    // WHEN the whole-tree step runs without rendering any README
    const diff = writeTree(root, [], whole);
    // THEN only the removed cluster's README (and the stray file) go
    expect(diff.extra).toStrictEqual(['gitops/dev/stray.txt', 'gitops/old-cluster/README.md']);
    expect(readFileSync(join(root, 'gitops/dev/README.md'), 'utf8')).toBe('picture\n');
    // AND a README handed in as wanted is compared like any rendered file
    expect(diffTree(root, [{ path: 'gitops/dev/README.md', content: 'new picture\n' }], whole).stale).toStrictEqual([
      'gitops/dev/README.md',
    ]);
  });

  it('reports unknown areas, stray files and clusters nobody renders when it owns the whole tree', () => {
    put('gitops/dev/platform/a.yaml', 'a\n');
    put('gitops/dev/not-an-area/x.yaml');
    put('gitops/dev/stray.yaml');
    put('gitops/README.md');
    const diff = diffTree(root, [file('gitops/dev/platform/a.yaml', 'a\n')], { ...scope, wholeTree: true });
    expect(diff).toStrictEqual({
      stale: [],
      extra: ['gitops/README.md', 'gitops/dev/not-an-area/x.yaml', 'gitops/dev/stray.yaml'],
    });
  });

  it("answers only for its own area's files in the shared applications folder, of any cluster", () => {
    put('gitops/dev/applications/application-argocd-platform.yaml');
    put('gitops/dev/applications/application-argocd-core-services.yaml');
    put('gitops/dev/applications/application-argocd-web3-payment.yaml');
    put('gitops/old-cluster/applications/application-argocd-root.yaml');
    put('gitops/old-cluster/applications/application-argocd-web3-payment.yaml');
    const core: TreeScope = {
      ...scope,
      folders: [{ cluster: 'dev', area: 'core-services' }],
      areas: ['core-services'],
    };
    const files = [file('gitops/dev/applications/application-argocd-core-services.yaml', 'old\n')];
    expect(diffTree(root, files, core)).toStrictEqual({
      stale: [],
      extra: [
        'gitops/dev/applications/application-argocd-web3-payment.yaml',
        'gitops/old-cluster/applications/application-argocd-web3-payment.yaml',
      ],
    });
    expect(diffTree(root, [], scope).extra).toStrictEqual([
      'gitops/dev/applications/application-argocd-platform.yaml',
      'gitops/old-cluster/applications/application-argocd-root.yaml',
    ]);
  });

  it('keeps the applications folder of an enabled cluster in a whole-tree clean-up', () => {
    put('gitops/dev/applications/application-argocd-root.yaml');
    put('gitops/old-cluster/applications/application-argocd-core-services.yaml');
    const cleanUp: TreeScope = { folders: [], areas: [], enabledClusters: new Set(['dev']), wholeTree: true, layout };
    expect(diffTree(root, [], cleanUp).extra).toStrictEqual([
      'gitops/old-cluster/applications/application-argocd-core-services.yaml',
    ]);
  });

  it('does not rewrite files whose content is unchanged', () => {
    put('gitops/dev/platform/a.yaml', 'a\n');
    const before = statSync(join(root, 'gitops/dev/platform/a.yaml')).mtimeMs;
    const diff = writeTree(root, [file('gitops/dev/platform/a.yaml', 'a\n')], scope);
    expect(diff).toStrictEqual({ stale: [], extra: [] });
    expect(statSync(join(root, 'gitops/dev/platform/a.yaml')).mtimeMs).toBe(before);
    expect(readFileSync(join(root, 'gitops/dev/platform/a.yaml'), 'utf8')).toBe('a\n');
  });
});
