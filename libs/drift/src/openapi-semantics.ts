// What the Kubernetes OpenAPI v3 (the API server's /openapi/v3) says about each field, reduced to what a
// comparison needs: its type (incl. int-or-string and quantity), the merge keys of lists the API merges by
// key, which empty objects mean something (a label selector `{}` selects everything, absent selects
// nothing or "this namespace"), which nested objects are embedded resources (their `status` is the
// server's), and the non-zero defaults the schema states. Built-in kinds come from a recording
// (generated/kube-openapi-semantics.json, `npm run drift:openapi`, checked against a real kube-apiserver
// in openapi-semantics.live.test.ts); custom resources are compiled from the live server at drift time.

export type FieldType =
  'object' | 'map' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'any';

/** Compact, JSON-serializable field semantics. */
export interface FieldSemantics {
  /** Type; absent when this is a reference (`$`) with its own default. */
  readonly t?: FieldType;
  /** Named schema this field is (its semantics live there). */
  readonly $?: string;
  /** Object properties. */
  readonly p?: Readonly<Record<string, SemanticsRef>>;
  /** Map values or array items. */
  readonly v?: SemanticsRef;
  /** Array merged by key (x-kubernetes-list-type: map, or the patch merge key): the key fields. */
  readonly k?: readonly string[];
  /** `{}` is a value, not "unset" (label selectors). */
  readonly e?: 1;
  /** An embedded resource (e.g. a StatefulSet's volumeClaimTemplates): its `status` belongs to the server. */
  readonly r?: 1;
  /** Default the API server fills in when the field is absent (non-zero defaults only). */
  readonly d?: unknown;
}

/** A named schema or inline semantics. */
export type SemanticsRef = string | FieldSemantics;

export interface RecordedSemantics {
  /** Where the recording comes from, e.g. `kube-apiserver v1.34.2 /openapi/v3`. */
  readonly source: string;
  readonly schemas: Readonly<Record<string, FieldSemantics>>;
  /** `group/version/Kind` (core group: `/v1/Kind`) → schema name. */
  readonly kinds: Readonly<Record<string, string>>;
}

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const LABEL_SELECTOR = 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** Short, stable schema names: `io.k8s.api.core.v1.PodSpec` → `core.v1.PodSpec`. */
export function shortSchemaName(name: string): string {
  return name.replace(/^io\.k8s\.api\./, '').replace(/^io\.k8s\.apimachinery\.pkg\.apis\./, '');
}

function refName(ref: unknown): string | undefined {
  return typeof ref === 'string' ? ref.replace(/^#\/components\/schemas\//, '') : undefined;
}

/** A default worth filling: zero values (`{}`, `''`, 0, false, []) are how omitempty fields read anyway. */
function meaningfulDefault(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObj(value)) return Object.keys(value).length > 0;
  return true;
}

class Compiler {
  readonly schemas: Record<string, FieldSemantics> = {};
  private readonly pending = new Set<string>();

  constructor(private readonly components: Readonly<Record<string, Json>>) {}

  /** Compiles named schema `name` (and everything it reaches); returns its short name. */
  named(name: string): string {
    const short = shortSchemaName(name);
    if (this.schemas[short] || this.pending.has(short)) return short;
    const schema = this.components[name];
    if (!schema) {
      this.schemas[short] = { t: 'any' };
      return short;
    }
    this.pending.add(short);
    this.schemas[short] = this.field(schema, name);
    this.pending.delete(short);
    return short;
  }

  /** Semantics of one schema node; `name` when it is a named component. */
  field(schema: Json, name?: string): FieldSemantics {
    if (name === QUANTITY) return { t: 'quantity' };
    if (name === INT_OR_STRING || schema['x-kubernetes-int-or-string'] === true || schema.format === 'int-or-string')
      return { t: 'int-or-string' };
    const direct = refName(schema.$ref);
    const wrapped =
      Array.isArray(schema.allOf) && schema.allOf.length === 1 ? refName((schema.allOf[0] as Json).$ref) : undefined;
    const ref = direct ?? wrapped;
    if (ref) {
      const target = this.named(ref);
      const d = schema.default;
      return meaningfulDefault(d) ? { $: target, d } : { $: target };
    }
    const out: { -readonly [K in keyof FieldSemantics]: FieldSemantics[K] } = {};
    if (name === LABEL_SELECTOR) out.e = 1;
    if (Array.isArray(schema['x-kubernetes-group-version-kind']) || schema['x-kubernetes-embedded-resource'] === true)
      out.r = 1;
    if (meaningfulDefault(schema.default)) out.d = schema.default;
    const type = schema.type;
    if (type === 'array') {
      out.t = 'array';
      if (isObj(schema.items)) out.v = this.inline(schema.items);
      const mapKeys = schema['x-kubernetes-list-map-keys'];
      const mergeKey = schema['x-kubernetes-patch-merge-key'];
      if (schema['x-kubernetes-list-type'] === 'map' && Array.isArray(mapKeys) && mapKeys.length > 0)
        out.k = mapKeys.map(String);
      else if (schema['x-kubernetes-list-type'] !== 'atomic' && typeof mergeKey === 'string') out.k = [mergeKey];
      return out;
    }
    if (type === 'object' || isObj(schema.properties) || isObj(schema.additionalProperties)) {
      if (isObj(schema.properties)) {
        out.t = 'object';
        const p: Record<string, SemanticsRef> = {};
        for (const key of Object.keys(schema.properties).sort()) p[key] = this.inline(schema.properties[key] as Json);
        out.p = p;
      } else if (isObj(schema.additionalProperties)) {
        out.t = 'map';
        out.v = this.inline(schema.additionalProperties);
      } else out.t = 'any';
      if (schema['x-kubernetes-preserve-unknown-fields'] === true && out.t === 'object') out.t = 'any';
      return out;
    }
    if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') {
      out.t = type;
      return out;
    }
    out.t = 'any';
    return out;
  }

  /** Inline semantics, collapsed to the schema name when nothing but the reference is left. */
  private inline(schema: Json): SemanticsRef {
    const f = this.field(schema);
    if (f.$ && Object.keys(f).length === 1) return f.$;
    return f;
  }
}

export interface OpenApiV3Document {
  readonly components?: { readonly schemas?: Readonly<Record<string, unknown>> };
}

/**
 * Compiles OpenAPI v3 documents (one per group/version, as /openapi/v3/apis/<g>/<v> serves them) into
 * semantics for every kind they define. `includeKind` filters kinds (e.g. leave out `*List`).
 */
export function compileOpenApiSemantics(
  documents: readonly OpenApiV3Document[],
  source: string,
  includeKind: (group: string, version: string, kind: string) => boolean = (_g, _v, kind) => !kind.endsWith('List'),
): RecordedSemantics {
  const components: Record<string, Json> = {};
  for (const doc of documents) {
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}))
      if (isObj(schema)) components[name] = schema;
  }
  const compiler = new Compiler(components);
  const kinds: Record<string, string> = {};
  for (const name of Object.keys(components).sort()) {
    const gvks = components[name]!['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks)) continue;
    for (const gvk of gvks as Json[]) {
      const group = String(gvk.group ?? '');
      const version = String(gvk.version ?? '');
      const kind = String(gvk.kind ?? '');
      if (!includeKind(group, version, kind)) continue;
      kinds[`${group}/${version}/${kind}`] = compiler.named(name);
    }
  }
  const schemas: Record<string, FieldSemantics> = {};
  for (const key of Object.keys(compiler.schemas).sort()) schemas[key] = compiler.schemas[key]!;
  const sortedKinds: Record<string, string> = {};
  for (const key of Object.keys(kinds).sort()) sortedKinds[key] = kinds[key]!;
  return { source, schemas, kinds: sortedKinds };
}

/** What a walk over an object of one schema node needs, resolved once (SemanticsIndex.objectOf). */
export interface ObjectSemantics {
  /** child(sem, key) for every key (see propertiesOf). */
  readonly properties: Readonly<Record<string, FieldSemantics | undefined>>;
  /**
   * The properties with a default, in schema order: the normalizer fills them on every object of the kind
   * (a PodSpec has ~40 properties and a handful of defaults).
   */
  readonly defaults: readonly (readonly [string, unknown])[];
}

/** Resolved view over one or more recordings: lookups by kind, field and list item. */
export class SemanticsIndex {
  private readonly schemas = new Map<string, FieldSemantics>();
  private readonly kinds = new Map<string, string>();
  private readonly resolved = new Map<FieldSemantics, FieldSemantics>();
  private readonly objects = new Map<FieldSemantics, ObjectSemantics>();
  /**
   * forKind by apiVersion, then kind (null: unknown kind): every object asks once or twice, and the
   * `group/version/Kind` key would be a new string each time.
   */
  private readonly byKind = new Map<string, Map<string, FieldSemantics | null>>();

  constructor(recordings: readonly RecordedSemantics[]) {
    for (const r of recordings) {
      for (const [name, s] of Object.entries(r.schemas)) this.schemas.set(name, s);
      for (const [gvk, name] of Object.entries(r.kinds)) this.kinds.set(gvk, name);
    }
  }

  /** A new index with more recordings (e.g. custom resources read from the live server). */
  with(recordings: readonly RecordedSemantics[]): SemanticsIndex {
    const next = new SemanticsIndex([]);
    for (const [k, v] of this.schemas) next.schemas.set(k, v);
    for (const [k, v] of this.kinds) next.kinds.set(k, v);
    for (const r of recordings) {
      for (const [name, s] of Object.entries(r.schemas)) next.schemas.set(name, s);
      for (const [gvk, name] of Object.entries(r.kinds)) next.kinds.set(gvk, name);
    }
    return next;
  }

  hasKind(apiVersion: string, kind: string): boolean {
    return this.kinds.has(gvkKey(apiVersion, kind));
  }

  /** Semantics of a whole object of `apiVersion`/`kind`; undefined when the kind is unknown. */
  forKind(apiVersion: string, kind: string): FieldSemantics | undefined {
    let kinds = this.byKind.get(apiVersion);
    if (kinds === undefined) {
      kinds = new Map();
      this.byKind.set(apiVersion, kinds);
    }
    let sem = kinds.get(kind);
    if (sem === undefined) {
      const name = this.kinds.get(gvkKey(apiVersion, kind));
      sem = (name === undefined ? undefined : this.resolve(name)) ?? null;
      kinds.set(kind, sem);
    }
    return sem ?? undefined;
  }

  /** Follows references; a reference with its own default keeps the default. */
  resolve(ref: SemanticsRef | undefined): FieldSemantics | undefined {
    if (ref === undefined) return undefined;
    if (typeof ref === 'string') {
      const s = this.schemas.get(ref);
      return s === undefined ? undefined : this.resolve(s);
    }
    if (ref.$ === undefined) return ref;
    const cached = this.resolved.get(ref);
    if (cached) return cached;
    const target = this.resolve(ref.$) ?? { t: 'any' as const };
    const merged = ref.d === undefined ? target : { ...target, d: ref.d };
    this.resolved.set(ref, merged);
    return merged;
  }

  /**
   * `child(sem, field)` for every property of an object schema at once, resolved once per schema node: a
   * walk over an object looks this up once and then reads one property per key. Without a prototype, as
   * `child` reads only the schema's own properties: a manifest key `constructor` or `toString` is an unknown
   * field, not Object.prototype's member.
   */
  propertiesOf(sem: FieldSemantics): Readonly<Record<string, FieldSemantics | undefined>> {
    return this.objectOf(sem).properties;
  }

  /** The properties and defaults of one schema node, built together once: a walk needs both per object. */
  objectOf(sem: FieldSemantics): ObjectSemantics {
    let out = this.objects.get(sem);
    if (out === undefined) {
      const properties = Object.create(null) as Record<string, FieldSemantics | undefined>;
      const defaults: (readonly [string, unknown])[] = [];
      for (const key in sem.p) {
        const resolved = this.resolve(sem.p[key]);
        properties[key] = resolved;
        if (resolved?.d !== undefined) defaults.push([key, resolved.d]);
      }
      out = { properties, defaults };
      this.objects.set(sem, out);
    }
    return out;
  }

  /** Semantics of property `field` of an object, or of the values of a map. */
  child(parent: FieldSemantics | undefined, field: string): FieldSemantics | undefined {
    if (!parent) return undefined;
    // Own properties only: `constructor` or `toString` is not a property of every schema.
    if (parent.t === 'object')
      return parent.p && Object.hasOwn(parent.p, field) ? this.resolve(parent.p[field]) : undefined;
    if (parent.t === 'map') return this.resolve(parent.v);
    return undefined;
  }

  /** Semantics of the items of an array. */
  item(parent: FieldSemantics | undefined): FieldSemantics | undefined {
    return parent?.t === 'array' ? this.resolve(parent.v) : undefined;
  }
}

function gvkKey(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? `/${apiVersion}/${kind}` : `${apiVersion}/${kind}`;
}
