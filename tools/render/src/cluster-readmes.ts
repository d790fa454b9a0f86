// The whole-tree step of `npm run render`: each cluster folder's README.md (a Mermaid picture of the cluster and
// its images and replicas, @go-coffee/cluster-diagram). It needs every area's objects, so it runs after all area
// renders and reads the rendered YAML back from gitops/<cluster>/; the --check path compares it the same way (the
// YAML itself is checked against the sources first, so a README that matches checked YAML matches the sources).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadAll } from 'js-yaml';
import { clusterReadme } from '@go-coffee/cluster-diagram';
import type { KubeObject } from '@go-coffee/kube-objects';
import { CLUSTER_README_FILE } from '@go-coffee/render-kit';
import type { TreeFile } from '@go-coffee/render-kit';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(entry) ? [path] : [];
    });
}

/** The objects rendered into gitops/<cluster>/; a file that is not YAML fails with its path. */
export function readClusterObjects(workspaceRoot: string, cluster: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const file of yamlFiles(join(workspaceRoot, 'gitops', cluster))) {
    // js-yaml: several times faster than the yaml package on 1,000+ files, and the rendered files read the same in
    // every YAML reader (tools/render/src/yaml-reader-agreement.test.ts).
    let documents: unknown[];
    try {
      documents = loadAll(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(
        `${relative(workspaceRoot, file).split(sep).join('/')}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; fix: run npm run render (gitops/ is generated, never edited)`,
      );
    }
    for (const value of documents) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) objects.push(value as KubeObject);
    }
  }
  return objects;
}

/**
 * README.md of every enabled cluster that has a folder (or a fresh render), sorted by cluster. `fresh` holds the
 * objects of clusters just rendered in memory (the --check path when the folder is stale); the others are read
 * from their folder.
 */
export function clusterReadmeFiles(
  workspaceRoot: string,
  enabledClusters: ReadonlySet<string>,
  fresh: ReadonlyMap<string, readonly KubeObject[]> = new Map(),
): TreeFile[] {
  const gitops = join(workspaceRoot, 'gitops');
  return [...enabledClusters]
    .sort()
    .filter((cluster) => fresh.has(cluster) || existsSync(join(gitops, cluster)))
    .map((cluster) => ({
      path: `gitops/${cluster}/${CLUSTER_README_FILE}`,
      content: clusterReadme(cluster, fresh.get(cluster) ?? readClusterObjects(workspaceRoot, cluster)),
    }));
}
