import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@go-coffee/kube-objects';
import { CLUSTER_README_FILE, diffTree, renderCluster } from '@go-coffee/render-kit';
import { findAreaProjects } from './area-projects';
import { applicationReadsFile } from './argo-directory-glob';
import type { DirectorySource } from './argo-directory-glob';
import { clusterReadmeFiles, readClusterObjects } from './cluster-readmes';
import { readCommittedTree } from './committed-tree';
import { loadAreas, loadLayout } from './load-areas';
import { selectClusters } from './render-command';

const workspaceRoot = resolve(import.meta.dirname, '../../..');
const objects = readCommittedTree(workspaceRoot);
const clusters = new Set(objects.map((o) => o.cluster));
const layout = await loadLayout(workspaceRoot);
const scope = { folders: [], areas: [], enabledClusters: clusters, wholeTree: false, layout };

describe('cluster READMEs', () => {
  it('gives every cluster folder a README.md equal to the picture of its committed objects', () => {
    const readmes = clusterReadmeFiles(workspaceRoot, clusters);
    expect(readmes.map((file) => file.path)).toStrictEqual(
      [...clusters].sort().map((cluster) => `gitops/${cluster}/${CLUSTER_README_FILE}`),
    );
    for (const readme of readmes) expect(readme.content).toMatch(/^```mermaid\nflowchart LR\n/m);
    expect(diffTree(workspaceRoot, readmes, scope)).toStrictEqual({ stale: [], extra: [] });
  });

  it('draws the same README from a fresh in-memory render as from the written files (the --check path)', async () => {
    const areas = await loadAreas(workspaceRoot, findAreaProjects(workspaceRoot));
    const {
      clusters: [dev],
    } = selectClusters(['--cluster', 'dev-aws-us-east-1'], { workspaceRoot, env: {} }, layout);
    const fresh = new Map([
      [dev!.name, renderCluster(dev!, areas, { layout }).map((file) => file.manifest as KubeObject)],
    ]);
    const only = new Set([dev!.name]);
    expect(clusterReadmeFiles(workspaceRoot, only, fresh)).toStrictEqual(clusterReadmeFiles(workspaceRoot, only));
  });

  it('finds a hand-edited README stale', () => {
    // GIVEN a copy of one cluster folder whose README was edited by hand
    const root = mkdtempSync(join(tmpdir(), 'cluster-readme-'));
    try {
      cpSync(join(workspaceRoot, 'gitops', 'dev-aws-us-east-1'), join(root, 'gitops', 'dev-aws-us-east-1'), {
        recursive: true,
      });
      appendFileSync(join(root, 'gitops', 'dev-aws-us-east-1', CLUSTER_README_FILE), 'edited by hand\n');
      // WHEN compared with the picture of its objects
      const only = new Set(['dev-aws-us-east-1']);
      // THEN it is stale
      expect(diffTree(root, clusterReadmeFiles(root, only), { ...scope, enabledClusters: only }).stale).toStrictEqual([
        'gitops/dev-aws-us-east-1/README.md',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is read by no Argo CD Application: every Git source points below the cluster folder', () => {
    const sources = objects
      .filter((o) => o.manifest.kind === 'Application')
      .map((o) => ({
        cluster: o.cluster,
        source: (o.manifest.spec as { source: DirectorySource & { chart?: string } }).source,
      }))
      .filter(({ source }) => source.chart === undefined);
    expect(sources.length).toBeGreaterThan(0);
    const readers = sources.filter(({ cluster, source }) =>
      applicationReadsFile(source, `gitops/${cluster}/${CLUSTER_README_FILE}`),
    );
    expect(readers).toStrictEqual([]);
    for (const { cluster, source } of sources) expect(source.path.startsWith(`gitops/${cluster}/`)).toBe(true);
  });

  it('names the file when a rendered file is not YAML', () => {
    const root = mkdtempSync(join(tmpdir(), 'cluster-readme-'));
    try {
      cpSync(join(workspaceRoot, 'gitops', 'dev-aws-us-east-1', 'platform'), join(root, 'gitops', 'c', 'platform'), {
        recursive: true,
      });
      writeFileSync(join(root, 'gitops', 'c', 'platform', 'broken.yaml'), 'a: [1\n');
      expect(() => readClusterObjects(root, 'c')).toThrow(
        /gitops\/c\/platform\/broken\.yaml: .*fix: run npm run render/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
