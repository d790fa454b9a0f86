// Reads a rendered cluster folder (`gitops/<cluster>/<area>/<kind>-<namespace>-<name>.yaml`) into
// manifests, in a stable order. A file that is not YAML or holds something that is not an object fails
// the run, naming the file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadAll } from 'js-yaml';
import type { DesiredManifest } from './detect-cluster-drift';
import { DesiredStateError } from './desired-state-error';
import { KUBE_YAML_SCHEMA } from './kube-yaml-schema';
import type { KubeObject } from '@go-coffee/kube-objects';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(path));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out;
}

export function loadRenderedTree(folder: string): DesiredManifest[] {
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw new DesiredStateError(
      `${folder} is not a folder; pass --path gitops/<cluster> (run \`npm run render\` first)`,
    );
  const manifests: DesiredManifest[] = [];
  for (const file of yamlFiles(folder)) {
    const source = relative(folder, file).split(sep).join('/');
    let docs: unknown[];
    try {
      // As kubectl and Argo CD read it (YAML 1.1 scalars); `2024-01-01` stays a string, never a Date.
      docs = loadAll(readFileSync(file, 'utf8'), undefined, { schema: KUBE_YAML_SCHEMA });
    } catch (err) {
      throw new DesiredStateError(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    for (const doc of docs) {
      if (doc === null || doc === undefined) continue;
      if (typeof doc !== 'object' || Array.isArray(doc))
        throw new DesiredStateError(
          `${source}: expected Kubernetes objects, found ${Array.isArray(doc) ? 'a list' : typeof doc}`,
        );
      const obj = doc as KubeObject;
      // A `kind: List` wrapper (kubectl style) holds the real objects.
      if (obj.kind === 'List' && Array.isArray(obj.items)) {
        for (const item of obj.items as KubeObject[]) manifests.push({ object: item, source });
      } else {
        manifests.push({ object: obj, source });
      }
    }
  }
  if (manifests.length === 0)
    throw new DesiredStateError(`${folder} holds no manifests; refusing to report an empty folder as in sync`);
  return manifests;
}
