// Whether any client setting dials a managed data service through an in-cluster alias. A Service of type
// ExternalName is only a DNS CNAME: a TLS client still verifies the certificate against the name it dialed,
// and a managed service's certificate (MSK, RDS, ElastiCache, Cloud SQL, Memorystore, Event Hubs) never names
// `<service>.<namespace>.svc.cluster.local`. Every managed data service here is TLS-only, so a setting that
// names an ExternalName Service is a connection that fails verification (or silently skips it).
import { describeObject } from '@go-coffee/kube-objects';
import type { ClusterObject } from './committed-tree';

type Loose = Record<string, unknown>;

/** Host names an ExternalName Service answers to inside the cluster. */
function aliasHosts(name: string, namespace: string): string[] {
  return [`${name}.${namespace}.svc.cluster.local`, `${name}.${namespace}.svc`, `${name}.${namespace}`];
}

/** Every string below `value`. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value !== null && typeof value === 'object') for (const child of Object.values(value)) strings(child, out);
  return out;
}

/** One message per client setting (ConfigMap data, container env, scaler metadata) that names an ExternalName alias. */
export function tlsClientHostViolations(objects: readonly ClusterObject[]): string[] {
  const aliases = new Map<string, string[]>();
  for (const { cluster, manifest } of objects) {
    const spec = (manifest.spec ?? {}) as Loose;
    if (manifest.kind === 'Service' && spec.type === 'ExternalName') {
      const hosts = aliases.get(cluster) ?? [];
      hosts.push(...aliasHosts(manifest.metadata.name, manifest.metadata.namespace ?? 'default'));
      aliases.set(cluster, hosts);
    }
  }
  const violations: string[] = [];
  for (const { cluster, manifest } of objects) {
    const hosts = aliases.get(cluster);
    if (hosts === undefined) continue;
    const settings =
      manifest.kind === 'ConfigMap'
        ? (manifest as Loose).data
        : manifest.kind === 'ScaledObject'
          ? ((manifest.spec as Loose).triggers as Loose[] | undefined)?.map((t) => t.metadata)
          : ['Deployment', 'StatefulSet', 'DaemonSet'].includes(manifest.kind)
            ? (((manifest.spec as Loose).template as Loose).spec as Loose).containers
            : undefined;
    for (const value of strings(settings)) {
      // Longest alias first, so a match names the host exactly as written.
      const host = [...hosts]
        .sort((a, b) => b.length - a.length)
        .find((h) => new RegExp(`(^|[^-.a-z0-9])${h.replaceAll('.', '\\.')}(?![-a-z0-9.])`).test(value));
      if (host !== undefined) {
        violations.push(
          `${cluster}: ${describeObject(manifest)} dials ${host}, an ExternalName alias; TLS clients must use the provider's host (from the secret manager)`,
        );
      }
    }
  }
  return [...new Set(violations)].sort();
}
