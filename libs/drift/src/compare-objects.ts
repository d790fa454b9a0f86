// Field-by-field comparison of one normalized manifest from git with its normalized live object.
// Compared: every field git sets, plus live fields that some field manager owns (someone set them on
// purpose: `kubectl annotate`, `kubectl edit`, an operator). Live fields that no manager owns were filled
// in by the API server and are skipped; when the live object has no managedFields at all, only the
// fields git sets are compared.
import { FieldOwnership, type FieldWriter, type PathStep } from './field-ownership';
import { builtInSemantics } from './built-in-semantics';
import { itemKey, listKeyFields } from './list-keys';
import type { FieldSemantics, SemanticsIndex } from './openapi-semantics';
import type { KubeObject } from '@go-coffee/kube-objects';

export type FieldChange = 'changed' | 'added' | 'removed';

export interface FieldDifference {
  /** Readable path, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /** RFC 6901 JSON pointer, e.g. `/spec/template/spec/containers/0/image` (what ignore rules match). */
  readonly pointer: string;
  /** changed: both sides differ; added: only live has it; removed: git has it, live does not. */
  readonly change: FieldChange;
  readonly desired?: unknown;
  readonly live?: unknown;
  /** The field manager that last wrote the live value; absent when unknown (removals, no managedFields). */
  readonly writer?: FieldWriter;
}

export interface ObjectComparison {
  readonly differences: FieldDifference[];
  /** The live object reduced to the compared fields; what the unified diff shows against git. */
  readonly liveProjected: KubeObject;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Structural equality of JSON values. Allocates nothing: it runs on every in-sync object pair. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObj(a) && isObj(b)) {
    let keys = 0;
    for (const k in a) {
      const bv = b[k];
      // `k in b` only when b reads undefined there (JSON values are never undefined: one lookup per key).
      if (bv === undefined) {
        if (a[k] !== undefined || !(k in b)) return false;
      } else if (!deepEqual(a[k], bv)) return false;
      keys += 1;
    }
    for (const _ in b) keys -= 1;
    return keys === 0;
  }
  return false;
}

/** Where the walk is: ownership steps, field names (for list keys), readable and pointer tokens. */
class PathStack {
  readonly steps: PathStep[] = [];
  readonly fieldPath: string[] = [];
  private readonly display: string[] = [];
  private readonly pointerTokens: string[] = [];

  pushField(field: string): void {
    this.steps.push({ field });
    this.fieldPath.push(field);
    this.display.push(SIMPLE_KEY.test(field) ? `.${field}` : `[${JSON.stringify(field)}]`);
    this.pointerTokens.push(escapePointer(field));
  }

  pushItem(liveIndex: number, item: unknown, shownIndex: number = liveIndex): void {
    this.steps.push({ index: liveIndex, item });
    this.display.push(`[${shownIndex}]`);
    this.pointerTokens.push(String(shownIndex));
  }

  pop(): void {
    const step = this.steps.pop();
    if (step && 'field' in step) this.fieldPath.pop();
    this.display.pop();
    this.pointerTokens.pop();
  }

  get path(): string {
    return this.display.join('').replace(/^\./, '');
  }

  get pointer(): string {
    return this.pointerTokens.map((t) => `/${t}`).join('');
  }
}

/** True at `…metadata.labels` and `…metadata.annotations` (objects, pod templates, job templates). */
function isMetadataMap(fieldPath: readonly string[]): boolean {
  const n = fieldPath.length;
  return (
    n >= 2 && fieldPath[n - 2] === 'metadata' && (fieldPath[n - 1] === 'labels' || fieldPath[n - 1] === 'annotations')
  );
}

/** True for the pointer of one label or annotation key, e.g. `/spec/template/metadata/annotations/x`. */
export function isMetadataMapKey(pointer: string): boolean {
  return /(^|\/)metadata\/(labels|annotations)\/[^/]+$/.test(pointer);
}

class Comparer {
  readonly differences: FieldDifference[] = [];
  private readonly at = new PathStack();

  constructor(
    private readonly kind: string,
    private readonly ownership: FieldOwnership,
    private readonly semantics: SemanticsIndex | undefined,
  ) {}

  /** The owned part of a live-only value at the current path, or undefined when nobody set any of it. */
  private projectOwned(value: unknown): unknown {
    const steps = this.at.steps;
    if (this.ownership.ownsWhole(steps)) return value;
    if (!this.ownership.isOwned(steps)) return undefined;
    if (isObj(value)) {
      const out: Obj = {};
      for (const k of Object.keys(value).sort()) {
        this.at.pushField(k);
        const v = this.projectOwned(value[k]);
        this.at.pop();
        if (v !== undefined) out[k] = v;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      value.forEach((item, i) => {
        this.at.pushItem(i, item);
        const v = this.projectOwned(item);
        this.at.pop();
        if (v !== undefined) out.push(v);
      });
      return out.length > 0 ? out : undefined;
    }
    return value;
  }

  private add(change: FieldChange, values: { desired?: unknown; live?: unknown }, withWriter: boolean): void {
    const writer = withWriter ? this.ownership.lastWriterOf(this.at.steps) : undefined;
    this.differences.push({
      path: this.at.path,
      pointer: this.at.pointer,
      change,
      ...values,
      ...(writer ? { writer } : {}),
    });
  }

  /** Compares and returns the projected live value at the current path; `sem`: the field's OpenAPI semantics. */
  walk(desired: unknown, live: unknown, sem?: FieldSemantics): unknown {
    if (desired === undefined && live === undefined) return undefined;
    if (desired === undefined) {
      // Only live has it: compare it when someone owns it, skip it when the server filled it in.
      if (!this.ownership.known) return undefined;
      // Labels and annotations git does not declare at all: one difference per key, each with its writer, so
      // that a key another manager added can be told apart (informational) from one that must not exist.
      if (isObj(live) && isMetadataMap(this.at.fieldPath)) {
        const out: Obj = {};
        for (const k of Object.keys(live).sort()) {
          this.at.pushField(k);
          const v = this.walk(undefined, live[k]);
          this.at.pop();
          if (v !== undefined) out[k] = v;
        }
        return Object.keys(out).length > 0 ? out : undefined;
      }
      const owned = this.projectOwned(live);
      if (owned === undefined) return undefined;
      this.add('added', { live: owned }, true);
      return owned;
    }
    if (live === undefined) {
      this.add('removed', { desired }, false);
      return undefined;
    }
    if (isObj(desired) && isObj(live)) {
      const out: Obj = {};
      const keys = [...new Set([...Object.keys(desired), ...Object.keys(live)])].sort();
      for (const k of keys) {
        this.at.pushField(k);
        const v = this.walk(desired[k], live[k], this.semantics?.child(sem, k));
        this.at.pop();
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    if (Array.isArray(desired) && Array.isArray(live)) {
      // Merge keys from the OpenAPI; kinds without a schema fall back to the well-known pod-spec lists.
      const keys = this.semantics ? sem?.k : listKeyFields(this.kind, this.at.fieldPath);
      const itemSem = this.semantics?.item(sem);
      if (keys) return this.walkKeyedList(desired, live, keys, itemSem);
      if (desired.length === live.length) {
        return desired.map((d, i) => {
          this.at.pushItem(i, live[i]);
          const v = this.walk(d, live[i], itemSem);
          this.at.pop();
          return v;
        });
      }
    }
    if (!deepEqual(desired, live)) this.add('changed', { desired, live }, true);
    return live;
  }

  private walkKeyedList(
    desired: unknown[],
    live: unknown[],
    keys: readonly string[],
    itemSem: FieldSemantics | undefined,
  ): unknown[] {
    const liveByKey = new Map<string, number>();
    live.forEach((item, i) => {
      const k = itemKey(item, keys);
      if (k !== undefined && !liveByKey.has(k)) liveByKey.set(k, i);
    });
    const out: unknown[] = [];
    const matched = new Set<number>();
    const desiredKeys = new Set(desired.map((item) => itemKey(item, keys)));
    // An item whose key field changed (Service port 80 -> 81) is still the same item when its name is:
    // report one changed field instead of a removal plus an addition.
    const sameName = (item: unknown): number | undefined => {
      const name = isObj(item) ? item.name : undefined;
      if (typeof name !== 'string') return undefined;
      const li = live.findIndex(
        (l, idx) => !matched.has(idx) && isObj(l) && l.name === name && !desiredKeys.has(itemKey(l, keys)),
      );
      return li < 0 ? undefined : li;
    };
    desired.forEach((item, i) => {
      const k = itemKey(item, keys);
      const li = (k === undefined ? undefined : liveByKey.get(k)) ?? sameName(item);
      // Paths of items git declares use git's index, so ignore rules written against git apply.
      if (li === undefined) {
        this.at.pushItem(i, item);
        this.add('removed', { desired: item }, false);
        this.at.pop();
        return;
      }
      matched.add(li);
      this.at.pushItem(li, live[li], i);
      const v = this.walk(item, live[li], itemSem);
      this.at.pop();
      if (v !== undefined) out.push(v);
    });
    live.forEach((item, li) => {
      if (matched.has(li)) return;
      this.at.pushItem(li, item);
      const v = this.walk(undefined, item);
      this.at.pop();
      if (v !== undefined) out.push(v);
    });
    return out;
  }
}

/**
 * Compares normalized git and live objects. `ownership` comes from the live object's managedFields (read
 * before normalization drops them); `semantics` gives list merge keys (default: the recorded built-in kinds).
 */
export function compareObjects(
  desired: KubeObject,
  live: KubeObject,
  ownership: FieldOwnership = new FieldOwnership([]),
  semantics: SemanticsIndex = builtInSemantics(),
): ObjectComparison {
  // Fast path: most objects in sync are equal once normalized.
  if (deepEqual(desired, live)) return { differences: [], liveProjected: live };
  const apiVersion = String(desired.apiVersion ?? live.apiVersion ?? '');
  const kind = String(desired.kind ?? live.kind ?? '');
  const rootSem = semantics.forKind(apiVersion, kind);
  const comparer = new Comparer(kind, ownership, rootSem ? semantics : undefined);
  const projected = comparer.walk(desired, live, rootSem);
  return { differences: comparer.differences, liveProjected: (projected ?? {}) as KubeObject };
}
