// One object's verdict: normalize both sides, compare, split the differences into drift and
// differences hidden by an ignore rule, mask Secret values, and build the unified diff shown to people.
import { createTwoFilesPatch } from 'diff';
import { mustNotExistRuleFor, type IgnoreEntryIndex, type MustNotExistRule } from '@go-coffee/ignore-rules';
import { dump } from 'js-yaml';
import { dropServerAllocations } from './api-defaults';
import { builtInSemantics } from './built-in-semantics';
import { compareObjects, isMetadataMapKey, type FieldDifference } from './compare-objects';
import { FieldOwnership, type ManagedFieldsEntry } from './field-ownership';
import { isSecretRef, maskSecretDifference, maskSecretPair } from './mask-secret-values';
import { normalizeObject } from './normalize-object';
import type { SemanticsIndex } from './openapi-semantics';
import { refOf, type KubeObject, type ObjectRef } from '@go-coffee/kube-objects';

export interface IgnoredDifference extends FieldDifference {
  /** Id of the rule in the ignore-rules file (@go-coffee/ignore-rules) that hid this difference. */
  readonly rule: string;
}

/** A difference that is drift; `mustNotExist` names the rule that made an added key drift. */
export interface DriftDifference extends FieldDifference {
  readonly mustNotExist?: string;
}

export interface ObjectDrift {
  readonly ref: ObjectRef;
  /** Where the object comes from in git (relative file path), when known. */
  readonly source?: string;
  readonly differences: readonly DriftDifference[];
  readonly ignored: readonly IgnoredDifference[];
  /**
   * Labels and annotations git does not declare that another field manager added (e.g. `kubectl rollout
   * restart`'s restartedAt): reported with their manager, never drift, unless a mustNotExist rule names the key.
   */
  readonly informational: readonly FieldDifference[];
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
  /** Keys nobody may add outside git (the rules file's mustNotExist list). @default [] */
  readonly mustNotExist?: readonly MustNotExistRule[];
  /**
   * `desiredRaw` is already normalizeObject's output for these semantics (a loader normalized it where it
   * parsed it): it is not normalized again. @default false
   */
  readonly desiredNormalized?: boolean;
  /** OpenAPI semantics of the kinds compared. @default the recorded built-in kinds */
  readonly semantics?: SemanticsIndex;
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
  const semantics = options.semantics ?? builtInSemantics();
  const desired = options.desiredNormalized ? desiredRaw : normalizeObject(desiredRaw, { inPlace, semantics });
  const live = normalizeObject(liveRaw, { inPlace, semantics });
  dropServerAllocations(desired, live);
  const { differences, liveProjected } = compareObjects(desired, live, ownership, semantics);
  // In sync (most objects of a run): nothing to match against the ignore rules, to mask or to show.
  if (differences.length === 0)
    return {
      ref,
      ...(options.source ? { source: options.source } : {}),
      differences: [],
      ignored: [],
      informational: [],
      unifiedDiff: '',
    };
  const secret = isSecretRef(ref);
  const drifted: DriftDifference[] = [];
  const ignored: IgnoredDifference[] = [];
  const informational: FieldDifference[] = [];
  for (const raw of differences) {
    const diff = secret ? maskSecretDifference(raw) : raw;
    const entry = options.ignore.match(ref, {
      pointer: diff.pointer,
      ...(diff.writer ? { manager: diff.writer.manager } : {}),
    });
    if (entry) {
      ignored.push({ ...diff, rule: entry.rule });
      continue;
    }
    if (diff.change === 'added' && isMetadataMapKey(diff.pointer)) {
      const rule = mustNotExistRuleFor(options.mustNotExist ?? [], ref, diff.pointer);
      if (rule) drifted.push({ ...diff, mustNotExist: rule.id });
      else informational.push(diff);
      continue;
    }
    drifted.push(diff);
  }
  let unifiedDiff = '';
  if (drifted.length > 0) {
    // Ignored and informational differences stay out of the diff people read: show git's value there.
    const liveShown = JSON.parse(JSON.stringify(liveProjected)) as KubeObject;
    for (const d of [...ignored, ...informational])
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
  return {
    ref,
    ...(options.source ? { source: options.source } : {}),
    differences: drifted,
    ignored,
    informational,
    unifiedDiff,
  };
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
