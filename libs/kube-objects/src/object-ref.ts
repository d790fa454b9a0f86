// How an object is named across git, the Kubernetes API and Argo CD: group (not version, which the API
// server converts between), kind, namespace and name. Every tool keys, sorts and describes objects this way:
// keys and order ignore the version; messages carry it when known (`apps/v1 Deployment go-coffee/api`).

export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
};

/** A rendered object as the renderer writes it: apiVersion, kind and name always set. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } & Record<string, unknown>;
  [key: string]: unknown;
}

export interface ObjectRef {
  /** API group; '' for the core group. */
  readonly group: string;
  readonly kind: string;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  /** API version (`v1`, `v2`), for messages only: never part of the key, absent when the source has none. */
  readonly version?: string;
}

/** `apps/v1` → `apps`, `v1` → `''`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `apps/v1` → `v1`, `v1` → `v1`. */
export function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

/** The ref of any object-shaped value; missing fields read as ''. */
export function refOf(obj: {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: unknown;
}): ObjectRef {
  const metadata = (obj.metadata ?? {}) as Record<string, unknown>;
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  return {
    group: groupOf(apiVersion),
    kind: typeof obj.kind === 'string' ? obj.kind : '',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
    name: typeof metadata.name === 'string' ? metadata.name : '',
    ...(apiVersion === '' ? {} : { version: versionOf(apiVersion) }),
  };
}

/** `group/Kind/namespace/name`: a stable map key, also the sort order of reports. */
export function refKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

/**
 * The one message form of an object, `<apiVersion> <Kind> <namespace>/<name>`: `apps/v1 Deployment
 * go-coffee/api-gateway`, `v1 Namespace go-coffee`. A ref without a version (from a tracking id or an ignore
 * rule) shows its group alone: `apps Deployment go-coffee/api-gateway`, `Namespace go-coffee`.
 */
export function describeRef(ref: ObjectRef): string {
  const apiVersion = ref.version ? (ref.group ? `${ref.group}/${ref.version}` : ref.version) : ref.group;
  const kind = apiVersion ? `${apiVersion} ${ref.kind}` : ref.kind;
  return ref.namespace ? `${kind} ${ref.namespace}/${ref.name}` : `${kind} ${ref.name}`;
}

/** `describeRef` of any object-shaped value, e.g. a rendered manifest: `apps/v1 Deployment go-coffee/api`. */
export function describeObject(obj: {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: unknown;
}): string {
  return describeRef(refOf(obj));
}

export function compareRefs(a: ObjectRef, b: ObjectRef): number {
  const ka = refKey(a);
  const kb = refKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
