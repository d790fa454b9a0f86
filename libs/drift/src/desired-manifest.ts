// A manifest from git as the drift engine holds it. A 50,000-object tree held as parsed objects costs
// ~150 MB of heap; held as compact JSON text plus the few fields the engine reads before comparing (its
// outline) it costs about a third, and the full object is parsed only when its live counterpart arrives.
import { TRACKING_ID_ANNOTATION, type KubeObject } from '@go-coffee/kube-objects';
import { readFileSync } from 'node:fs';
import { loadAll } from 'js-yaml';
import { builtInSemantics } from './built-in-semantics';
import { DesiredStateError } from './desired-state-error';
import { KUBE_YAML_SCHEMA } from './kube-yaml-schema';
import { normalizeObject } from './normalize-object';
import { readBlockYaml } from './read-block-yaml';
import { validateAgainstSchema, type SchemaProblem } from './validate-against-schema';

export interface DesiredManifest {
  /** The manifest. A loader's manifests parse it afresh on every read: the engine normalizes it in place. */
  readonly object: KubeObject;
  /** Path of the manifest relative to the cluster folder, e.g. `core-services/deployment-go-coffee-api.yaml`. */
  readonly source: string;
  /** What the engine reads before comparing, when the loader extracted it (then `object` is read once). */
  readonly outline?: ManifestOutline;
}

export interface ManifestOutline {
  /**
   * apiVersion, kind, metadata.name/namespace, the tracking annotation and spec.scaleTargetRef: enough for
   * refs, ownership and the autoscaler-aware ignore rules.
   */
  readonly skeleton: KubeObject;
  /**
   * The manifest's problems against the recorded built-in schemas (validateAgainstSchema), computed where it
   * was parsed; absent when its kind is not a built-in kind (custom resources are checked against the live
   * server's schema).
   */
  readonly builtInProblems?: readonly SchemaProblem[];
  /**
   * `object` is already normalized (normalizeObject with the recorded built-in semantics, which are the
   * engine's semantics for built-in kinds): set for valid manifests of built-in kinds.
   */
  readonly normalized?: true;
}

/** The serializable form a loader (or a loader thread) produces per manifest. */
export interface LoadedManifestRecord {
  readonly source: string;
  readonly json: string;
  readonly skeleton: KubeObject;
  readonly builtInProblems?: readonly SchemaProblem[];
  readonly normalized?: true;
}

const NO_PROBLEMS: readonly SchemaProblem[] = Object.freeze([]);

/** A manifest held as JSON text: `object` is a fresh parse on each read. */
export class CompactManifest implements DesiredManifest {
  readonly source: string;
  readonly outline: ManifestOutline;
  private readonly json: string;

  constructor(record: LoadedManifestRecord) {
    this.source = record.source;
    this.json = record.json;
    const problems = record.builtInProblems;
    // The outline is the manifest's own record fields, no copy (50,000 of them add up).
    this.outline =
      problems === undefined
        ? { skeleton: record.skeleton }
        : record.normalized
          ? { skeleton: record.skeleton, builtInProblems: NO_PROBLEMS, normalized: true }
          : { skeleton: record.skeleton, builtInProblems: problems };
  }

  get object(): KubeObject {
    return JSON.parse(this.json) as KubeObject;
  }
}

function skeletonOf(object: KubeObject): KubeObject {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const skeleton: Record<string, unknown> = { apiVersion: object.apiVersion, kind: object.kind };
  const meta: Record<string, unknown> = { name: metadata.name };
  if (metadata.namespace !== undefined) meta.namespace = metadata.namespace;
  const annotations = metadata.annotations as Record<string, unknown> | undefined;
  if (annotations && typeof annotations === 'object' && annotations[TRACKING_ID_ANNOTATION] !== undefined)
    meta.annotations = { [TRACKING_ID_ANNOTATION]: annotations[TRACKING_ID_ANNOTATION] };
  skeleton.metadata = meta;
  const spec = object.spec as Record<string, unknown> | undefined;
  if (spec && typeof spec === 'object' && spec.scaleTargetRef !== undefined)
    skeleton.spec = { scaleTargetRef: structuredClone(spec.scaleTargetRef) };
  return skeleton as KubeObject;
}

/**
 * The record of one parsed manifest (what a loader keeps, per object): its outline, its problems against the
 * built-in schemas and, for a valid built-in kind, its normalized JSON. `object` is normalized in place.
 */
export function manifestRecordOf(object: KubeObject, source: string): LoadedManifestRecord {
  const semantics = builtInSemantics();
  const builtIn =
    typeof object.apiVersion === 'string' &&
    typeof object.kind === 'string' &&
    semantics.hasKind(object.apiVersion, object.kind);
  const skeleton = skeletonOf(object);
  if (!builtIn) return { source, json: JSON.stringify(object), skeleton };
  const builtInProblems = validateAgainstSchema(object, semantics);
  // A valid built-in manifest is normalized here, once, where it was parsed (a loader thread for a large
  // tree); an invalid one is kept as written: the run fails on it before any comparison.
  if (builtInProblems.length > 0) return { source, json: JSON.stringify(object), skeleton, builtInProblems };
  return {
    source,
    json: JSON.stringify(normalizeObject(object, { inPlace: true, semantics })),
    skeleton,
    builtInProblems,
    normalized: true,
  };
}

/**
 * The manifests of one YAML file (`source` names it in errors): every document, a `kind: List` unwrapped.
 * Throws DesiredStateError when the text is not YAML or a document is not an object.
 */
export function manifestRecordsOf(text: string, source: string): LoadedManifestRecord[] {
  // Rendered files take the fast block-YAML reader (same result as js-yaml); js-yaml reads anything else and
  // words the errors.
  let docs = readBlockYaml(text);
  if (docs === undefined) {
    try {
      // As kubectl and Argo CD read it (YAML 1.1 scalars); `2024-01-01` stays a string, never a Date.
      docs = loadAll(text, undefined, { schema: KUBE_YAML_SCHEMA });
    } catch (err) {
      throw new DesiredStateError(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  // JSON (what the API server decodes YAML into) has no infinities or NaN: sigs.k8s.io/yaml refuses them,
  // and JSON text would silently turn them into null. Only a file that spells one needs the walk.
  if (/\.(?:inf|nan)\b/i.test(text)) {
    for (const doc of docs) {
      const path = nonFiniteNumberIn(doc, '');
      if (path !== undefined)
        throw new DesiredStateError(
          `${source}: ${path || 'the document'} is .inf or .nan, which no Kubernetes API accepts (JSON has no such number)`,
        );
    }
  }
  const out: LoadedManifestRecord[] = [];
  for (const doc of docs) {
    if (doc === null || doc === undefined) continue;
    if (typeof doc !== 'object' || Array.isArray(doc))
      throw new DesiredStateError(
        `${source}: expected Kubernetes objects, found ${Array.isArray(doc) ? 'a list' : typeof doc}`,
      );
    const obj = doc as KubeObject;
    // A `kind: List` wrapper (kubectl style) holds the real objects.
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      for (const item of obj.items as unknown[]) {
        if (item === null || typeof item !== 'object' || Array.isArray(item))
          throw new DesiredStateError(`${source}: a List item is not a Kubernetes object`);
        out.push(manifestRecordOf(item as KubeObject, source));
      }
    } else {
      out.push(manifestRecordOf(obj, source));
    }
  }
  return out;
}

function nonFiniteNumberIn(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = nonFiniteNumberIn(child, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The records of tree files read in order (`source`: the path named in records and errors). */
export function manifestRecordsOfFiles(
  files: readonly { readonly path: string; readonly source: string }[],
): LoadedManifestRecord[] {
  return files.flatMap(({ path, source }) => manifestRecordsOf(readFileSync(path, 'utf8'), source));
}
