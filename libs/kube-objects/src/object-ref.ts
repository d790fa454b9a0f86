// How an object is named across git, the Kubernetes API and Argo CD: group (not version, which the API
// server converts between), kind, namespace and name. Every tool keys, sorts and describes objects this way.

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
  return {
    group: groupOf(typeof obj.apiVersion === 'string' ? obj.apiVersion : ''),
    kind: typeof obj.kind === 'string' ? obj.kind : '',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
    name: typeof metadata.name === 'string' ? metadata.name : '',
  };
}

/** `group/Kind/namespace/name`: a stable map key, also the sort order of reports. */
export function refKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** Human form used in every message: `apps/Deployment go-coffee/api-gateway`, `Namespace go-coffee`. */
export function describeRef(ref: ObjectRef): string {
  const gk = ref.group ? `${ref.group}/${ref.kind}` : ref.kind;
  return ref.namespace ? `${gk} ${ref.namespace}/${ref.name}` : `${gk} ${ref.name}`;
}

export function compareRefs(a: ObjectRef, b: ObjectRef): number {
  const ka = refKey(a);
  const kb = refKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
