// Puts a manifest from git and an object from the API server into one comparable shape, locally and
// without any write or dry-run call: server-owned metadata and status dropped, API defaults filled in,
// quantities in canonical form, empty values treated as absent where the API treats them so (the OpenAPI
// semantics say where an empty value means something), and Secret `stringData` folded into `data`.
// int-or-string values are not converted: a string of digits where a port or percentage belongs is an error
// in git (validate-against-schema.ts), which the API server would reject.
import { applyApiDefaults } from './api-defaults';
import { canonicalQuantity } from './quantity';
import { isBuiltInGroup, type KubeObject } from '@go-coffee/kube-objects';
import { builtInSemantics } from './built-in-semantics';
import type { FieldSemantics, ObjectSemantics, SemanticsIndex } from './openapi-semantics';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Metadata the API server (or a controller) writes; never part of what git declares. */
const SERVER_METADATA = new Set([
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
  'managedFields',
  'ownerReferences',
]);

const SERVER_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deprecated.daemonset.template.generation',
  'endpoints.kubernetes.io/last-change-trigger-time',
  'control-plane.alpha.kubernetes.io/leader',
  'kubernetes.io/service-account.uid',
]);
const SERVER_ANNOTATION_PREFIXES = [
  'autoscaling.alpha.kubernetes.io/',
  'pv.kubernetes.io/',
  'volume.kubernetes.io/',
  'volume.beta.kubernetes.io/',
];
const SERVER_FINALIZERS = new Set([
  'kubernetes.io/pvc-protection',
  'kubernetes.io/pv-protection',
  'foregroundDeletion',
  'orphan',
]);

/** Kinds without a schema (custom resources whose CRD is not served): maps whose values are quantities. */
const QUANTITY_MAPS = new Set(['requests', 'limits', 'hard', 'capacity', 'overhead']);
const LIMIT_RANGE_QUANTITY_MAPS = new Set(['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']);
const QUANTITY_FIELDS = new Set(['sizeLimit', 'averageValue', 'storage']);

/**
 * Non-pointer fields the API server serializes with omitempty: a zero value (0, false) is stored as
 * absent. Pointer fields (automountServiceAccountToken, runAsNonRoot, replicas, …) are NOT listed: their
 * false or 0 means something different from absent.
 */
const ZERO_IS_ABSENT = new Set([
  'minReadySeconds',
  'paused',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'stdin',
  'stdinOnce',
  'tty',
  'readOnly',
  'initialDelaySeconds',
  'hostPort',
  'publishNotReadyAddresses',
]);

function isServerAnnotation(key: string): boolean {
  if (SERVER_ANNOTATIONS.has(key)) return true;
  for (const prefix of SERVER_ANNOTATION_PREFIXES) if (key.startsWith(prefix)) return true;
  return false;
}

/**
 * Annotations Argo CD itself writes on its Applications (a refresh request, the source hydrator's request and
 * timestamp). Argo CD's own diff ignores them; they are never declared in git and never drift.
 */
const ARGO_CD_APPLICATION_ANNOTATIONS = new Set([
  'argocd.argoproj.io/refresh',
  'argocd.argoproj.io/hydrate',
  'argocd.argoproj.io/hydrate-timestamp',
]);

/**
 * `metadata` without the server's fields. A live object carries five or more of them: it is copied without
 * them (same key order) rather than deleted from, which would leave a slow dictionary-mode object behind.
 */
function withoutServerMetadata(metadata: Obj): Obj {
  let server = false;
  for (const key in metadata) {
    // An own `__proto__` key (JSON allows it) cannot be copied by assignment: deleted from in place then.
    if (key === '__proto__') {
      for (const serverKey of SERVER_METADATA) delete metadata[serverKey];
      return metadata;
    }
    if (SERVER_METADATA.has(key)) server = true;
  }
  if (!server) return metadata;
  const out: Obj = {};
  for (const key in metadata) if (!SERVER_METADATA.has(key)) out[key] = metadata[key];
  return out;
}

function normalizeMetadata(metadata: Obj, kind: string, group: string): void {
  const argoApplication = group === 'argoproj.io' && kind === 'Application';
  const annotations = metadata.annotations;
  if (isObj(annotations)) {
    // Deleting the key being visited is safe in for..in (no key array per object).
    for (const key in annotations) {
      if (isServerAnnotation(key) || (argoApplication && ARGO_CD_APPLICATION_ANNOTATIONS.has(key)))
        delete annotations[key];
    }
  }
  if (kind === 'Namespace' && isObj(metadata.labels)) delete metadata.labels['kubernetes.io/metadata.name'];
  if (Array.isArray(metadata.finalizers)) {
    metadata.finalizers = metadata.finalizers.filter((f) => typeof f !== 'string' || !SERVER_FINALIZERS.has(f));
  }
}

/** Re-encodes base64 so that equal bytes have equal text (padding, line breaks). */
function canonicalBase64(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('base64');
}

function normalizeSecret(obj: Obj): void {
  const data: Obj = isObj(obj.data) ? { ...obj.data } : {};
  for (const k in data) data[k] = canonicalBase64(data[k]);
  // stringData is write-only: the API server merges it into data (stringData wins) and never returns it.
  if (isObj(obj.stringData)) {
    for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete obj.stringData;
  }
  obj.data = data;
}

interface CanonicalContext {
  readonly kind: string;
  readonly builtIn: boolean;
  readonly semantics: SemanticsIndex | undefined;
}

/**
 * One pass over a value, in place: canonical quantities, schema defaults filled in, and empty values
 * dropped (null, {}, [] and ''; the API server treats them as unset) except where the schema says an empty
 * object means something (a label selector `{}` selects everything). `sem` is the field's OpenAPI semantics
 * when the kind is known; `field` and `parent` are the enclosing field names, used only for kinds without a
 * schema. Returns the value to keep, or undefined to drop it.
 */
function canonicalize(
  value: unknown,
  field: string,
  parent: string,
  ctx: CanonicalContext,
  sem: FieldSemantics | undefined,
): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const itemSem = sem && ctx.semantics!.item(sem);
    // Items keep their positions: an object item that empties out becomes {} rather than vanishing, and a
    // scalar item stays as written (`apiGroups: [""]` names the core group; it is not an empty object).
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const c = canonicalize(item, field, parent, ctx, itemSem);
      if (c !== item) value[i] = c !== undefined ? c : item !== null && typeof item === 'object' ? {} : item;
    }
    return value;
  }
  if (typeof value === 'object') {
    // In place: the common case (nothing to change) allocates nothing.
    const obj = value as Obj;
    const semantics = ctx.semantics;
    // child(sem, k) per key, with the lookups per object hoisted out of the loop.
    let props: Readonly<Record<string, FieldSemantics | undefined>> | undefined;
    let values: FieldSemantics | undefined;
    if (sem) {
      if (sem.r === 1) delete obj.status;
      if (sem.t === 'object' && sem.p) {
        const view = semantics!.objectOf(sem);
        fillSchemaDefaults(obj, view.defaults);
        props = view.properties;
      } else if (sem.t === 'map') values = semantics!.resolve(sem.v);
    }
    let kept = 0;
    for (const k in obj) {
      const v = obj[k];
      const c = canonicalize(v, k, field, ctx, props !== undefined ? props[k] : values);
      if (c === undefined) delete obj[k];
      else {
        if (c !== v) obj[k] = c;
        kept += 1;
      }
    }
    return kept === 0 && sem?.e !== 1 ? undefined : obj;
  }
  if ((value === 0 || value === false) && ctx.builtIn && ZERO_IS_ABSENT.has(field)) return undefined;
  if (typeof value === 'string' || typeof value === 'number') {
    if (sem) return sem.t === 'quantity' ? (canonicalQuantity(value) ?? value) : value;
    const quantityMap =
      QUANTITY_MAPS.has(parent) || (ctx.kind === 'LimitRange' && LIMIT_RANGE_QUANTITY_MAPS.has(parent));
    if (quantityMap || QUANTITY_FIELDS.has(field)) return canonicalQuantity(value) ?? value;
  }
  return value;
}

/** Fills absent properties that have a (non-zero) default in the schema. */
function fillSchemaDefaults(obj: Obj, defaults: ObjectSemantics['defaults']): void {
  for (let i = 0; i < defaults.length; i++) {
    const [key, d] = defaults[i]!;
    if (obj[key] !== undefined && obj[key] !== null) continue;
    obj[key] = d !== null && typeof d === 'object' ? structuredClone(d) : d;
  }
}

const DATA_MAPS = new Set(['data', 'binaryData', 'stringData']);

/**
 * A normalized deep copy of `obj`. With `inPlace`, `obj` itself is reused and left in an unspecified
 * state (the drift engine does this with objects it reads once, to save a copy per object).
 */
export interface NormalizeOptions {
  /** Reuse `obj` (left in an unspecified state) instead of copying it. @default false */
  readonly inPlace?: boolean;
  /** Field semantics from the OpenAPI. @default the recorded semantics of the built-in kinds */
  readonly semantics?: SemanticsIndex;
}

export function normalizeObject(obj: KubeObject, options: NormalizeOptions = {}): KubeObject {
  // A JSON round trip is the fastest deep copy of plain manifest data (and drops undefined values).
  const copy = (options.inPlace ? obj : JSON.parse(JSON.stringify(obj))) as Obj;
  const kind = String(copy.kind ?? '');
  const apiVersion = String(copy.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  delete copy.status;
  // An Application's `operation` is a sync request Argo CD (or `argocd app sync`) writes and then clears.
  if (group === 'argoproj.io' && kind === 'Application') delete copy.operation;
  copy.metadata = isObj(copy.metadata) ? withoutServerMetadata(copy.metadata) : {};
  normalizeMetadata(copy.metadata as Obj, kind, group);
  if (group === '' && kind === 'Secret') normalizeSecret(copy);
  applyApiDefaults(copy);

  const semantics = options.semantics ?? builtInSemantics();
  const rootSem = semantics.forKind(apiVersion, kind);
  const ctx: CanonicalContext = { kind, builtIn: isBuiltInGroup(group), semantics: rootSem ? semantics : undefined };
  const out: Obj = {};
  const dataMaps = group === '' && (kind === 'ConfigMap' || kind === 'Secret');
  for (const k in copy) {
    const v = copy[k];
    // ConfigMap/Secret data are opaque user strings: no canonical forms, and an empty value is a value.
    const opaque = dataMaps && DATA_MAPS.has(k);
    const normalized = opaque
      ? isObj(v)
        ? pruneEmptyDataMap(v)
        : undefined
      : canonicalize(v, k, '', ctx, rootSem ? semantics.child(rootSem, k) : undefined);
    if (normalized !== undefined) out[k] = normalized;
  }
  return out as KubeObject;
}

function pruneEmptyDataMap(map: Obj): Obj | undefined {
  const out: Obj = {};
  let kept = 0;
  for (const k in map) {
    const v = map[k];
    if (v !== null && v !== undefined) {
      out[k] = v;
      kept += 1;
    }
  }
  return kept === 0 ? undefined : out;
}
