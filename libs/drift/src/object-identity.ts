// How an object is named across git, the Kubernetes API and Argo CD: group (not version, which the API
// server converts between), kind, namespace and name. Also parses Argo CD's annotation tracking id.

export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
};

export interface ObjectRef {
  /** API group; '' for the core group. */
  readonly group: string;
  readonly kind: string;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
}

/** Argo CD's annotation-based resource tracking (application.resourceTrackingMethod: annotation). */
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

export function refOf(obj: KubeObject): ObjectRef {
  const metadata = obj.metadata ?? {};
  return {
    group: groupOf(String(obj.apiVersion ?? '')),
    kind: String(obj.kind ?? ''),
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
    name: typeof metadata.name === 'string' ? metadata.name : '',
  };
}

/** A stable map key, also the sort order of reports. */
export function refKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** Human form used in every message: `apps/v1 Deployment go-coffee/api-gateway` without the version. */
export function describeRef(ref: ObjectRef): string {
  const gk = ref.group ? `${ref.group}/${ref.kind}` : ref.kind;
  return ref.namespace ? `${gk} ${ref.namespace}/${ref.name}` : `${gk} ${ref.name}`;
}

export function compareRefs(a: ObjectRef, b: ObjectRef): number {
  const ka = refKey(a);
  const kb = refKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export interface TrackingId extends ObjectRef {
  readonly application: string;
}

/** Parses `<app>:<group>/<Kind>:<namespace>/<name>`; undefined when malformed. */
export function parseTrackingId(value: unknown): TrackingId | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^([^:]+):([^/:]*)\/([^:/]+):([^/]*)\/([^/]+)$/.exec(value);
  if (!m) return undefined;
  const [, application, group, kind, namespace, name] = m;
  return { application: application!, group: group!, kind: kind!, namespace: namespace!, name: name! };
}

/**
 * The tracking id an object carries, but only when it describes that very object: Argo CD ignores an
 * annotation copied onto another object (e.g. by `kubectl get -o yaml | kubectl create`), and so do we.
 */
export function ownTrackingId(obj: KubeObject): TrackingId | undefined {
  const annotations = (obj.metadata?.annotations ?? {}) as Record<string, unknown>;
  const id = parseTrackingId(annotations[TRACKING_ANNOTATION]);
  if (!id) return undefined;
  const ref = refOf(obj);
  const same = id.group === ref.group && id.kind === ref.kind && id.namespace === ref.namespace && id.name === ref.name;
  return same ? id : undefined;
}
