// The per-cluster picture of a pull request: both sides' objects of one cluster folder handed to
// @go-coffee/cluster-diagram, which draws the changed subgraph (added / changed / removed styled apart).
import { changePicture } from '@go-coffee/cluster-diagram';
import type { ChangePicture } from '@go-coffee/cluster-diagram';
import type { KubeObject } from '@go-coffee/kube-objects';
import { parseObjects } from './gitops-snapshot';
import type { GitopsSnapshot } from './gitops-snapshot';

function clusterObjects(snapshot: GitopsSnapshot, cluster: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const file of snapshot.values()) {
    if (file.cluster !== cluster) continue;
    try {
      objects.push(...parseObjects(file.text));
    } catch {
      // An unparsable file is listed by path in the object changes; the render check rejects it.
    }
  }
  return objects;
}

export function clusterChangePicture(
  base: GitopsSnapshot,
  head: GitopsSnapshot,
  cluster: string,
): ChangePicture | undefined {
  return changePicture(clusterObjects(base, cluster), clusterObjects(head, cluster));
}
