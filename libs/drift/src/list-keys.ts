// Which lists are merged by key, for kinds WITHOUT an OpenAPI schema (custom resources whose CRD is not
// served): the well-known pod-spec lists, as custom resources embedding a pod template use them. Kinds with a
// schema take the merge keys from the OpenAPI (openapi-semantics.ts). Items of keyed lists are matched by
// key, not position, so an env var inserted in the middle is one addition and not a cascade of changes.

/** Key fields of the list at `fieldPath` (field names from the object root, list indices left out). */
export function listKeyFields(kind: string, fieldPath: readonly string[]): readonly string[] | undefined {
  const field = fieldPath[fieldPath.length - 1];
  const parent = fieldPath[fieldPath.length - 2];
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return ['name'];
    case 'volumeMounts':
      return ['mountPath'];
    case 'volumeDevices':
      return ['devicePath'];
    case 'hostAliases':
      return ['ip'];
    case 'topologySpreadConstraints':
      return ['topologyKey', 'whenUnsatisfiable'];
    case 'ports':
      if (kind === 'Service' && parent === 'spec' && fieldPath.length === 2) return ['port', 'protocol'];
      if (fieldPath.includes('containers') || fieldPath.includes('initContainers'))
        return ['containerPort', 'protocol'];
      return undefined;
    default:
      return undefined;
  }
}

export function itemKey(item: unknown, keys: readonly string[]): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const rec = item as Record<string, unknown>;
  return JSON.stringify(keys.map((k) => rec[k] ?? null));
}
