// Rules + a cluster's rendered objects -> concrete entries, one per (rule, object), each naming its object.
// The render engine writes the entries of each Application's objects into its `ignoreDifferences`; the drift
// tool matches differences against the entries of the tree it compares. Same input, same entries.
import { refKey, refOf, type ObjectRef } from '@go-coffee/kube-objects';
import { autoscaledWorkloads, type RenderedObject } from './autoscaled-workloads';
import type { IgnoreRule } from './ignore-rules-file';

export interface IgnoreEntry extends ObjectRef {
  /** Id of the rule this entry comes from. */
  readonly rule: string;
  readonly jsonPointers: readonly string[];
  readonly managedFieldsManagers: readonly string[];
}

/** One entry of an Argo CD Application's `spec.ignoreDifferences`, scoped to one object. */
export interface ArgoIgnoreDifference {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string;
  readonly jsonPointers?: readonly string[];
  readonly managedFieldsManagers?: readonly string[];
}

/** Sorted by object, then rule id; sort keys computed once per entry, not per comparison. */
function sortEntries(entries: readonly IgnoreEntry[]): IgnoreEntry[] {
  return entries
    .map((entry) => ({ key: `${refKey(entry)}\0${entry.rule}`, entry }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ entry }) => entry);
}

/** Expands `rules` against `objects` (a whole cluster's rendered objects); sorted by object, then rule id. */
export function expandIgnoreRules(rules: readonly IgnoreRule[], objects: Iterable<RenderedObject>): IgnoreEntry[] {
  const all = [...objects];
  const autoscaled = rules.some((rule) => rule.appliesTo === 'autoscaled-workloads')
    ? autoscaledWorkloads(all)
    : new Set<string>();
  const seen = new Set<string>();
  const entries: IgnoreEntry[] = [];
  for (const object of all) {
    const key = refOf(object);
    // Most objects match no rule: skip them before building keys.
    if (key.name === '' || !rules.some((rule) => rule.group === key.group && rule.kind === key.kind)) continue;
    const keyString = refKey(key);
    if (seen.has(keyString)) continue;
    seen.add(keyString);
    for (const rule of rules) {
      if (rule.group !== key.group || rule.kind !== key.kind) continue;
      if (rule.appliesTo === 'autoscaled-workloads' && !autoscaled.has(keyString)) continue;
      entries.push({
        group: key.group,
        kind: key.kind,
        namespace: key.namespace,
        name: key.name,
        rule: rule.id,
        jsonPointers: rule.jsonPointers,
        managedFieldsManagers: rule.managedFieldsManagers,
      });
    }
  }
  return sortEntries(entries);
}

/** Entries in Argo CD's `ignoreDifferences` shape (no rule id: Argo CD's schema has no such field), sorted. */
export function argoIgnoreDifferences(entries: readonly IgnoreEntry[]): ArgoIgnoreDifference[] {
  return sortEntries(entries).map((entry) => ({
    group: entry.group,
    kind: entry.kind,
    name: entry.name,
    ...(entry.namespace !== '' ? { namespace: entry.namespace } : {}),
    ...(entry.jsonPointers.length > 0 ? { jsonPointers: [...entry.jsonPointers] } : {}),
    ...(entry.managedFieldsManagers.length > 0 ? { managedFieldsManagers: [...entry.managedFieldsManagers] } : {}),
  }));
}

/** A difference as far as ignoring is concerned: where it is and who last wrote it. */
export interface IgnorableDifference {
  /** JSON pointer of the differing field, e.g. `/spec/replicas`. */
  readonly pointer: string;
  /** Field manager that last wrote the field, when known. */
  readonly manager?: string;
}

function pointerCovers(rulePointer: string, pointer: string): boolean {
  return pointer === rulePointer || pointer.startsWith(`${rulePointer}/`);
}

/** Looks up, per object, the entry that hides a difference; built once per run. */
export class IgnoreEntryIndex {
  private readonly byObject = new Map<string, IgnoreEntry[]>();

  constructor(entries: readonly IgnoreEntry[]) {
    for (const entry of entries) {
      const key = refKey(entry);
      const list = this.byObject.get(key);
      if (list) list.push(entry);
      else this.byObject.set(key, [entry]);
    }
  }

  /** The first entry (by object, then rule id) that hides `difference` on `object`, if any. */
  match(object: ObjectRef, difference: IgnorableDifference): IgnoreEntry | undefined {
    return this.byObject
      .get(refKey(object))
      ?.find(
        (entry) =>
          entry.jsonPointers.some((p) => pointerCovers(p, difference.pointer)) ||
          (difference.manager !== undefined && entry.managedFieldsManagers.includes(difference.manager)),
      );
  }
}
