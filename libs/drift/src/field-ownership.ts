// Who set which field, from `metadata.managedFields` (FieldsV1). Used twice: a live field that no
// manager owns was filled in by the API server (a default or an allocation) and is not compared, and each
// drifted field is attributed to the manager that last wrote it.
//
// FieldsV1 in short: `f:<field>` a struct field or map key, `k:<json>` a list item identified by its key
// fields, `v:<json>` a set item, `.` the item itself; `{}` as a value means the manager owns that node
// as a whole (leaf or atomic list/map).

export interface ManagedFieldsEntry {
  readonly manager?: string;
  readonly operation?: string;
  readonly subresource?: string;
  readonly time?: string;
  readonly fieldsType?: string;
  readonly fieldsV1?: unknown;
}

export interface FieldWriter {
  readonly manager: string;
  readonly operation: string;
  /** e.g. `scale` for `kubectl scale` and the HPA controller. */
  readonly subresource?: string;
  readonly time: string;
}

/** A path step while walking an object: a struct field/map key, or a list item with its value. */
export type PathStep = { readonly field: string } | { readonly index: number; readonly item: unknown };

interface OwnershipNode {
  /** Writers owning this node exactly (`{}` leaf or `.`). */
  readonly owners: Set<number>;
  /** Writers for which this node is a leaf: they own everything below it (atomic). */
  readonly leafOwners: Set<number>;
  readonly children: Map<string, OwnershipNode>;
  itemMatchers?: { key: string; matches: (item: unknown) => boolean }[];
}

function newNode(): OwnershipNode {
  return { owners: new Set(), leafOwners: new Set(), children: new Map() };
}

function looselyEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
}

function matcherFor(key: string): (item: unknown) => boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(key.slice(2));
  } catch {
    return () => false;
  }
  if (key.startsWith('v:')) return (item) => JSON.stringify(sortKeys(item)) === JSON.stringify(sortKeys(parsed));
  const fields = (parsed ?? {}) as Record<string, unknown>;
  return (item) => {
    if (item === null || typeof item !== 'object') return false;
    const rec = item as Record<string, unknown>;
    return Object.entries(fields).every(([k, v]) => looselyEqual(rec[k], v));
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** An entry the ownership tree is built from: a named manager with FieldsV1. */
function usable(e: ManagedFieldsEntry): boolean {
  return Boolean(e.manager && e.fieldsType === 'FieldsV1' && e.fieldsV1);
}

export class FieldOwnership {
  private tree: OwnershipNode | undefined;
  private usableEntries: readonly ManagedFieldsEntry[] | undefined;
  private writerList: readonly FieldWriter[] | undefined;

  /** Keeps `entries` as given: nothing is read until a comparison needs it (most objects are in sync). */
  constructor(private readonly given: readonly ManagedFieldsEntry[]) {}

  private get entries(): readonly ManagedFieldsEntry[] {
    this.usableEntries ??= this.given.filter(usable);
    return this.usableEntries;
  }

  get writers(): readonly FieldWriter[] {
    this.writerList ??= this.entries.map((entry) => ({
      manager: entry.manager!,
      operation: entry.operation ?? 'Update',
      time: entry.time ?? '',
      ...(entry.subresource ? { subresource: entry.subresource } : {}),
    }));
    return this.writerList;
  }

  /** The merged ownership tree, built on first use: most objects in sync never need it. */
  private get root(): OwnershipNode {
    if (!this.tree) {
      this.tree = newNode();
      this.entries.forEach((entry, i) => this.add(this.tree!, entry.fieldsV1, i));
    }
    return this.tree;
  }

  /** True when the object carried managedFields at all (some clients and Argo CD strip them). */
  get known(): boolean {
    return this.given.some(usable);
  }

  private add(node: OwnershipNode, fields: unknown, writer: number): void {
    if (!fields || typeof fields !== 'object') return;
    const entries = Object.entries(fields as Record<string, unknown>);
    for (const [key, sub] of entries) {
      if (key === '.') {
        node.owners.add(writer);
        continue;
      }
      let child = node.children.get(key);
      if (!child) {
        child = newNode();
        node.children.set(key, child);
        node.itemMatchers = undefined;
      }
      const isLeaf = !sub || typeof sub !== 'object' || Object.keys(sub).length === 0;
      if (isLeaf) {
        child.owners.add(writer);
        child.leafOwners.add(writer);
      } else {
        this.add(child, sub, writer);
      }
    }
  }

  private child(node: OwnershipNode, step: PathStep): OwnershipNode | undefined {
    if ('field' in step) return node.children.get(`f:${step.field}`);
    node.itemMatchers ??= [...node.children.keys()]
      .filter((k) => k.startsWith('k:') || k.startsWith('v:'))
      .map((key) => ({ key, matches: matcherFor(key) }));
    const hit = node.itemMatchers.find((m) => m.matches(step.item));
    if (hit) return node.children.get(hit.key);
    return node.children.get(`i:${step.index}`);
  }

  /**
   * Writers who own the node at `path`, a node below it, or an atomic ancestor of it. Empty when nobody
   * set anything there: the API server defaulted or allocated it.
   */
  ownersOf(path: readonly PathStep[]): FieldWriter[] {
    const found = new Set<number>();
    let node: OwnershipNode | undefined = this.root;
    for (const step of path) {
      for (const w of node.leafOwners) found.add(w);
      node = this.child(node, step);
      if (!node) break;
    }
    if (node) collect(node, found);
    return [...found].map((i) => this.writers[i]!);
  }

  /** True when a writer owns `path` as a whole: the node itself or an ancestor is one of its leaves. */
  ownsWhole(path: readonly PathStep[]): boolean {
    let node: OwnershipNode | undefined = this.root;
    for (const step of path) {
      if (node.leafOwners.size > 0) return true;
      node = this.child(node, step);
      if (!node) return false;
    }
    return node.leafOwners.size > 0;
  }

  /** True when some writer owns `path` (see ownersOf). */
  isOwned(path: readonly PathStep[]): boolean {
    return this.ownersOf(path).length > 0;
  }

  /** The writer that most recently wrote `path`: newest `time`, ties broken by name for stable output. */
  lastWriterOf(path: readonly PathStep[]): FieldWriter | undefined {
    return newest(this.ownersOf(path));
  }
}

function collect(node: OwnershipNode, into: Set<number>): void {
  for (const w of node.owners) into.add(w);
  for (const child of node.children.values()) collect(child, into);
}

export function newest(writers: readonly FieldWriter[]): FieldWriter | undefined {
  let best: FieldWriter | undefined;
  for (const w of writers) {
    if (!best || w.time > best.time || (w.time === best.time && w.manager < best.manager)) best = w;
  }
  return best;
}

/** `kubectl-edit`, or `kube-controller-manager (scale)` for writes through a subresource. */
export function describeWriter(writer: FieldWriter): string {
  return writer.subresource ? `${writer.manager} (${writer.subresource})` : writer.manager;
}
