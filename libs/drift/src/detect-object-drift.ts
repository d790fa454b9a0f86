// One object's verdict: normalize both sides, compare, split the differences into drift and
// differences hidden by an ignore rule, mask Secret values, and build the unified diff shown to people.
import { createTwoFilesPatch } from 'diff';
import type { IgnoreEntryIndex } from '@go-coffee/ignore-rules';
import { dump } from 'js-yaml';
import { dropServerAllocations } from './api-defaults';
import { compareObjects, type FieldDifference } from './compare-objects';
import { FieldOwnership, type ManagedFieldsEntry } from './field-ownership';
import { isSecretRef, maskSecretDifference, maskSecretPair } from './mask-secret-values';
import { normalizeObject } from './normalize-object';
import { refOf, type KubeObject, type ObjectRef } from '@go-coffee/kube-objects';

export interface IgnoredDifference extends FieldDifference {
  /** Id of the rule in the ignore-rules file (@go-coffee/ignore-rules) that hid this difference. */
  readonly rule: string;
}

export interface ObjectDrift {
  readonly ref: ObjectRef;
  /** Where the object comes from in git (relative file path), when known. */
  readonly source?: string;
  readonly differences: readonly FieldDifference[];
  readonly ignored: readonly IgnoredDifference[];
  /** Unified diff of normalized git YAML against the compared part of the live object; '' when in sync. */
  readonly unifiedDiff: string;
}

export function toYaml(obj: unknown): string {
  return dump(obj, { sortKeys: true, lineWidth: -1, noRefs: true });
}

export interface DetectObjectDriftOptions {
  /** The ignore rules expanded against the rendered tree the object comes from (expandIgnoreRules). */
  readonly ignore: IgnoreEntryIndex;
  /** Relative path of the manifest in git, for messages and diff headers. */
  readonly source?: string;
  /** Normalize both objects in place instead of copying them; they are unusable afterwards. @default false */
  readonly consumeInputs?: boolean;
}

/** Compares one manifest from git with its live object (both as read, unnormalized). */
export function detectObjectDrift(
  desiredRaw: KubeObject,
  liveRaw: KubeObject,
  options: DetectObjectDriftOptions,
): ObjectDrift {
  const ref = refOf(desiredRaw);
  const managedFields = (liveRaw.metadata?.managedFields ?? []) as ManagedFieldsEntry[];
  const ownership = new FieldOwnership(Array.isArray(managedFields) ? managedFields : []);
  const inPlace = options.consumeInputs === true;
  const desired = normalizeObject(desiredRaw, { inPlace });
  const live = normalizeObject(liveRaw, { inPlace });
  dropServerAllocations(desired, live);
  const { differences, liveProjected } = compareObjects(desired, live, ownership);
  const secret = isSecretRef(ref);
  const drifted: FieldDifference[] = [];
  const ignored: IgnoredDifference[] = [];
  for (const raw of differences) {
    const diff = secret ? maskSecretDifference(raw) : raw;
    const entry = options.ignore.match(ref, {
      pointer: diff.pointer,
      ...(diff.writer ? { manager: diff.writer.manager } : {}),
    });
    if (entry) ignored.push({ ...diff, rule: entry.rule });
    else drifted.push(diff);
  }
  let unifiedDiff = '';
  if (drifted.length > 0) {
    // Ignored differences stay out of the diff people read: show git's value there.
    const liveShown = JSON.parse(JSON.stringify(liveProjected)) as KubeObject;
    for (const d of ignored)
      setAtPointer(liveShown, d.pointer, d.change === 'added' ? undefined : valueAtPointer(desired, d.pointer));
    const shown = secret ? maskSecretPair(desired, liveShown) : { desired, live: liveShown };
    const name = options.source ?? `${ref.kind}-${ref.namespace}-${ref.name}.yaml`.toLowerCase();
    unifiedDiff = createTwoFilesPatch(
      `git/${name}`,
      `live/${name}`,
      toYaml(shown.desired),
      toYaml(shown.live),
      undefined,
      undefined,
      {
        context: 3,
      },
    )
      .split('\n')
      .filter((line) => !/^=+$/.test(line) && !line.startsWith('Index: '))
      .join('\n');
  }
  return { ref, ...(options.source ? { source: options.source } : {}), differences: drifted, ignored, unifiedDiff };
}

function tokens(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAtPointer(obj: unknown, pointer: string): unknown {
  let cur: unknown = obj;
  for (const t of tokens(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}

function setAtPointer(obj: unknown, pointer: string, value: unknown): void {
  const path = tokens(pointer);
  const last = path.pop();
  if (last === undefined) return;
  let cur: unknown = obj;
  for (const t of path) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string, unknown>)[t];
  }
  if (cur === null || typeof cur !== 'object') return;
  if (Array.isArray(cur)) {
    const i = Number(last);
    if (value === undefined) cur.splice(i, 1);
    else cur[i] = value;
  } else if (value === undefined) delete (cur as Record<string, unknown>)[last];
  else (cur as Record<string, unknown>)[last] = value;
}
