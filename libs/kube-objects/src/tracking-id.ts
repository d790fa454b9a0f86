// Argo CD's annotation resource tracking id, `<application>:<group>/<Kind>:<namespace>/<name>`: the one
// formatter and parser the renderer, the drift tool and the PR report share.
//
// Two forms exist for cluster-scoped objects: Argo CD writes (and keeps) the Application's destination
// namespace in the namespace slot (`platform:/Namespace:argocd/go-coffee`); a hand-written or older id leaves
// it empty (`platform:/Namespace:/go-coffee`). Both name the same object, so both are ours.
import { refOf, type KubeObject, type ObjectRef } from './object-ref';

/** application.resourceTrackingMethod: annotation (or annotation+label). */
export const TRACKING_ID_ANNOTATION = 'argocd.argoproj.io/tracking-id';

export interface TrackingId extends ObjectRef {
  /** The Application name; `<namespace>_<name>` for Applications outside Argo CD's own namespace. */
  readonly application: string;
}

export interface FormatTrackingIdOptions {
  /** True for cluster-scoped kinds: the namespace slot then carries `destinationNamespace`. */
  readonly clusterScoped?: boolean;
  /** The Application's destination namespace; Argo CD writes it into cluster-scoped ids. @default '' */
  readonly destinationNamespace?: string;
}

/** The id Argo CD writes for `ref` owned by `application`. */
export function formatTrackingId(application: string, ref: ObjectRef, options: FormatTrackingIdOptions = {}): string {
  const namespace = options.clusterScoped ? (options.destinationNamespace ?? '') : ref.namespace;
  return `${application}:${ref.group}/${ref.kind}:${namespace}/${ref.name}`;
}

const TRACKING_ID = /^([^:/]+):([^/:]*)\/([^:/]+):([^/:]*)\/([^/:]+)$/;

/** Parses either form; undefined when `value` is not a tracking id. */
export function parseTrackingId(value: unknown): TrackingId | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TRACKING_ID.exec(value);
  if (!m) return undefined;
  const [, application, group, kind, namespace, name] = m;
  return { application: application!, group: group!, kind: kind!, namespace: namespace!, name: name! };
}

/**
 * True when `id` names the object `ref`. For a cluster-scoped object (`ref.namespace` is '') the id's
 * namespace slot may hold anything: it is the Application's destination namespace, not the object's.
 */
export function trackingIdNames(id: TrackingId, ref: ObjectRef): boolean {
  return (
    id.group === ref.group &&
    id.kind === ref.kind &&
    id.name === ref.name &&
    (ref.namespace === '' || id.namespace === ref.namespace)
  );
}

/** The raw tracking annotation of an object, if any. */
export function trackingAnnotationOf(obj: { readonly metadata?: unknown }): unknown {
  const metadata = obj.metadata as { annotations?: Record<string, unknown> } | undefined;
  return metadata?.annotations?.[TRACKING_ID_ANNOTATION];
}

/**
 * The tracking id an object carries, but only when it names that very object: Argo CD ignores an annotation
 * copied onto another object (e.g. by `kubectl get -o yaml | kubectl create`), and so do we. `ref` overrides
 * the object's own ref (for metadata-only list items, whose apiVersion/kind are PartialObjectMetadata).
 */
export function ownTrackingId(
  obj: KubeObject | { readonly metadata?: unknown },
  ref?: ObjectRef,
): TrackingId | undefined {
  const id = parseTrackingId(trackingAnnotationOf(obj));
  if (!id) return undefined;
  return trackingIdNames(id, ref ?? refOf(obj)) ? id : undefined;
}
