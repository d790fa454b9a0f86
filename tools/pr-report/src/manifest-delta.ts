// Objects added, changed and removed between two rendered trees, with a unified diff of each (Secrets
// masked). Files are compared as text: the render is deterministic, so any byte that differs is a change
// Argo CD would apply.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { describeRef, ownTrackingId, refOf, type ObjectRef } from '@go-coffee/kube-objects';
import { parseObjects, type GitopsSnapshot, type ManifestFile } from './gitops-snapshot';
import { maskSecrets } from './secret-masking';

export type ChangeStatus = 'added' | 'changed' | 'removed';

export interface ObjectChange {
  readonly status: ChangeStatus;
  readonly path: string;
  readonly cluster: string;
  readonly area: string;
  /** The object in the file (head side, or base side when removed). */
  readonly identity: ObjectRef;
  /** `apps/v1 Deployment go-coffee/api-gateway`; several objects in one file are joined with `, `. */
  readonly label: string;
  /** The Argo CD Application the object's tracking id names (@go-coffee/kube-objects), when it has one. */
  readonly application?: string;
  /** Unified diff with file headers only, Secret values masked. */
  readonly diff: string;
}

function labelOf(file: ManifestFile): { identity: ObjectRef; label: string; application?: string } {
  let objects: Record<string, unknown>[] = [];
  try {
    objects = parseObjects(file.text);
  } catch {
    // An unparsable file still shows up in the report, named by its path; the render check rejects it.
  }
  const identities = objects.map(refOf);
  const identity = identities[0] ?? { group: '', kind: '', namespace: '', name: file.path };
  const application = objects[0] ? ownTrackingId(objects[0])?.application : undefined;
  return {
    identity,
    label: identities.length > 0 ? identities.map(describeRef).join(', ') : file.path,
    ...(application ? { application } : {}),
  };
}

export function unifiedDiff(path: string, base: string | undefined, head: string | undefined): string {
  const masked = {
    base: base === undefined ? '' : maskSecrets(base),
    head: head === undefined ? '' : maskSecrets(head, base),
  };
  return createTwoFilesPatch(
    base === undefined ? '/dev/null' : `a/${path}`,
    head === undefined ? '/dev/null' : `b/${path}`,
    masked.base,
    masked.head,
    undefined,
    undefined,
    { context: 3, headerOptions: FILE_HEADERS_ONLY },
  );
}

/** Every differing file, sorted by path. */
export function diffSnapshots(base: GitopsSnapshot, head: GitopsSnapshot): ObjectChange[] {
  const paths = [...new Set([...base.keys(), ...head.keys()])].sort();
  const changes: ObjectChange[] = [];
  for (const path of paths) {
    const before = base.get(path);
    const after = head.get(path);
    if (before && after && before.text === after.text) continue;
    const status: ChangeStatus = !before ? 'added' : !after ? 'removed' : 'changed';
    const file = (after ?? before)!;
    changes.push({
      status,
      path,
      cluster: file.cluster,
      area: file.area,
      ...labelOf(file),
      diff: unifiedDiff(path, before?.text, after?.text),
    });
  }
  return changes;
}
