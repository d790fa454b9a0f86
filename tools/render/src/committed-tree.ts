// Reads the committed gitops/ tree back as objects, for the tests that assert on what Argo CD will see.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Manifest } from '@go-coffee/kube-objects';

export interface CommittedObject {
  /** `gitops/<cluster>/<area>/<file>` */
  readonly path: string;
  readonly cluster: string;
  readonly area: string;
  readonly file: string;
  readonly manifest: Manifest;
}

/** An object and the cluster folder it belongs to: what the cross-object invariants relate. */
export type ClusterObject = Pick<CommittedObject, 'cluster' | 'manifest'>;

export function readCommittedTree(workspaceRoot: string): CommittedObject[] {
  const gitops = join(workspaceRoot, 'gitops');
  if (!existsSync(gitops)) return [];
  const out: CommittedObject[] = [];
  for (const cluster of readdirSync(gitops).sort()) {
    if (!statSync(join(gitops, cluster)).isDirectory()) continue;
    for (const area of readdirSync(join(gitops, cluster)).sort()) {
      if (!statSync(join(gitops, cluster, area)).isDirectory()) continue;
      for (const file of readdirSync(join(gitops, cluster, area)).sort()) {
        const path = `gitops/${cluster}/${area}/${file}`;
        out.push({
          path,
          cluster,
          area,
          file,
          manifest: parse(readFileSync(join(workspaceRoot, path), 'utf8')) as Manifest,
        });
      }
    }
  }
  return out;
}
