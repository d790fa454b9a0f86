// Field-by-field comparison of one normalized manifest from git with its normalized live object.
// Compared: every field git sets, plus live fields that some field manager owns (someone set them on
// purpose: `kubectl annotate`, `kubectl edit`, an operator). Live fields that no manager owns were filled
// in by the API server and are skipped; when the live object has no managedFields at all, only the
// fields git sets are compared.
import { FieldOwnership, type FieldWriter, type PathStep } from './field-ownership';
import { itemKey, listKeyFields } from './list-keys';
import type { KubeObject } from './object-identity';

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

function appendField(path: string, field: string): string {
  if (SIMPLE_KEY.test(field)) return path ? `${path}.${field}` : field;
  return `${path}[${JSON.stringify(field)}]`;
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Cursor {
  readonly steps: PathStep[];
  readonly fieldPath: string[];
  readonly path: string;
  readonly pointer: string;
}

function fieldCursor(c: Cursor, field: string): Cursor {
  return {
    steps: [...c.steps, { field }],
    fieldPath: [...c.fieldPath, field],
    path: appendField(c.path, field),
    pointer: `${c.pointer}/${escapePointer(field)}`,
  };
}

function itemCursor(c: Cursor, index: number, item: unknown): Cursor {
  return { steps: [...c.steps, { index, item }], fieldPath: c.fieldPath, path: `${c.path}[${index}]`, pointer: `${c.pointer}/${index}` };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

class Comparer {
  readonly differences: FieldDifference[] = [];

  constructor(
    private readonly kind: string,
    private readonly ownership: FieldOwnership,
  ) {}

  /** The owned part of a live-only value, or undefined when nobody set any of it. */
  projectOwned(value: unknown, c: Cursor): unknown {
    if (this.ownership.ownsWhole(c.steps)) return value;
    if (!this.ownership.isOwned(c.steps)) return undefined;
    if (isObj(value)) {
      const out: Obj = {};
      for (const k of Object.keys(value).sort()) {
        const v = this.projectOwned(value[k], fieldCursor(c, k));
        if (v !== undefined) out[k] = v;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    if (Array.isArray(value)) {
      const out = value.map((item, i) => this.projectOwned(item, itemCursor(c, i, item))).filter((v) => v !== undefined);
      return out.length > 0 ? out : undefined;
    }
    return value;
  }

  private add(diff: FieldDifference): void {
    this.differences.push(diff);
  }

  /** Compares and returns the projected live value at this cursor. */
  walk(desired: unknown, live: unknown, c: Cursor): unknown {
    if (desired === undefined && live === undefined) return undefined;
    if (desired === undefined) {
      // Only live has it: compare it when someone owns it, skip it when the server filled it in.
      if (!this.ownership.known) return undefined;
      const owned = this.projectOwned(live, c);
      if (owned === undefined) return undefined;
      const writer = this.ownership.lastWriterOf(c.steps);
      this.add({ path: c.path, pointer: c.pointer, change: 'added', live: owned, ...(writer ? { writer } : {}) });
      return owned;
    }
    if (live === undefined) {
      this.add({ path: c.path, pointer: c.pointer, change: 'removed', desired });
      return undefined;
    }
    if (isObj(desired) && isObj(live)) {
      const out: Obj = {};
      const keys = [...new Set([...Object.keys(desired), ...Object.keys(live)])].sort();
      for (const k of keys) {
        const v = this.walk(desired[k], live[k], fieldCursor(c, k));
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    if (Array.isArray(desired) && Array.isArray(live)) {
      const keys = listKeyFields(this.kind, c.fieldPath);
      if (keys) return this.walkKeyedList(desired, live, keys, c);
      if (desired.length === live.length) {
        return desired.map((d, i) => this.walk(d, live[i], itemCursor(c, i, live[i])));
      }
    }
    if (!deepEqual(desired, live)) {
      const writer = this.ownership.lastWriterOf(c.steps);
      this.add({ path: c.path, pointer: c.pointer, change: 'changed', desired, live, ...(writer ? { writer } : {}) });
    }
    return live;
  }

  private walkKeyedList(desired: unknown[], live: unknown[], keys: readonly string[], c: Cursor): unknown[] {
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
      const li = live.findIndex((l, idx) => !matched.has(idx) && isObj(l) && l.name === name && !desiredKeys.has(itemKey(l, keys)));
      return li < 0 ? undefined : li;
    };
    desired.forEach((item, i) => {
      const k = itemKey(item, keys);
      const li = (k === undefined ? undefined : liveByKey.get(k)) ?? sameName(item);
      if (li === undefined) {
        this.add({ path: `${c.path}[${i}]`, pointer: `${c.pointer}/${i}`, change: 'removed', desired: item });
        return;
      }
      matched.add(li);
      // Paths of items git declares use git's index, so ignore rules written against git apply.
      const cursor = { ...itemCursor(c, li, live[li]), path: `${c.path}[${i}]`, pointer: `${c.pointer}/${i}` };
      const v = this.walk(item, live[li], cursor);
      if (v !== undefined) out.push(v);
    });
    live.forEach((item, li) => {
      if (matched.has(li)) return;
      const v = this.walk(undefined, item, itemCursor(c, li, item));
      if (v !== undefined) out.push(v);
    });
    return out;
  }
}

/**
 * Compares normalized git and live objects. `managedFields` are the live object's (read before
 * normalization drops them).
 */
export function compareObjects(
  desired: KubeObject,
  live: KubeObject,
  ownership: FieldOwnership = new FieldOwnership([]),
): ObjectComparison {
  const comparer = new Comparer(String(desired.kind ?? live.kind ?? ''), ownership);
  const root: Cursor = { steps: [], fieldPath: [], path: '', pointer: '' };
  const projected = comparer.walk(desired, live, root);
  return { differences: comparer.differences, liveProjected: (projected ?? {}) as KubeObject };
}
