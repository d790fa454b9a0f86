// What a NetworkPolicy's egress lets its pods reach, as picture nodes: other workloads (pod and namespace
// selectors), data services (the data services' client ports, in the data namespace or on the private ranges a
// managed service lives on) and outside addresses (CIDRs). Policies that select every pod of a namespace (default
// deny, DNS) say nothing about one workload and are not drawn.
import { refOf } from '@go-coffee/kube-objects';
import type { KubeObject } from '@go-coffee/kube-objects';
import { DATA_SERVICE_PORTS, MANAGED_DATA_SERVICE_PORTS } from '@go-coffee/workload-constructs';
import type { DataService } from '@go-coffee/workload-constructs';
import type { GraphNode, PlacedWorkload } from './cluster-graph';
import { asArray, asRecord, asString, stringMap, type Loose } from './manifest-fields';
import { DATA_SERVICE_TITLES } from './operator-data-services';

/**
 * Data service behind a client port, over every placement (in-cluster and each cloud's managed product). The
 * ports of different services never coincide; the module refuses to load if a change made them.
 */
export const DATA_SERVICE_BY_PORT: ReadonlyMap<string, DataService> = (() => {
  const byPort = new Map<string, DataService>();
  const tables = [DATA_SERVICE_PORTS, ...Object.values(MANAGED_DATA_SERVICE_PORTS)];
  for (const table of tables) {
    for (const [service, port] of Object.entries(table) as [DataService, number][]) {
      const known = byPort.get(String(port));
      if (known && known !== service)
        throw new Error(
          `cluster-diagram: port ${port} is the client port of both ${known} and ${service} (libs/workload-constructs ` +
            'data-service-endpoints.ts); the picture could not tell them apart: give the diagram a per-cloud lookup',
        );
      byPort.set(String(port), service);
    }
  }
  return byPort;
})();

/** The private ranges a managed data service is reached on; a CIDR inside them is "the cloud's network". */
const PRIVATE_RANGES = new Set(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);

export interface ResolvedEgress {
  /** Workloads the policy selects (the arrows' tails). */
  readonly subjects: readonly string[];
  /** Nodes the arrows point at that only egress knows about (managed data services, outside addresses). */
  readonly targets: readonly Omit<GraphNode, 'fingerprint'>[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly port: string }[];
}

function managedDataNode(service: DataService, endpointsConfig: Readonly<Record<string, string>>) {
  const provider = endpointsConfig[`${service.toUpperCase()}_PROVIDER`];
  return {
    key: `data:${service}`,
    kind: 'data-service' as const,
    lines: [DATA_SERVICE_TITLES[service], provider ? provider : 'managed by the cloud', 'private network'],
  };
}

function endpointNode(cidr: string, except: readonly string[]) {
  const everything = cidr === '0.0.0.0/0' || cidr === '::/0';
  const name = everything
    ? except.some((range) => PRIVATE_RANGES.has(range))
      ? 'public internet'
      : 'any address'
    : PRIVATE_RANGES.has(cidr)
      ? 'private network'
      : cidr;
  const privateExcepted = [...PRIVATE_RANGES].every((range) => except.includes(range));
  const others = except.filter((range) => !privateExcepted || !PRIVATE_RANGES.has(range));
  const excepted = [...(privateExcepted ? ['private ranges'] : []), ...others];
  const detail = excepted.length > 0 ? `${cidr} except ${excepted.join(', ')}` : cidr;
  return { key: `endpoint:${detail}`, kind: 'endpoint' as const, lines: name === cidr ? [cidr] : [name, detail] };
}

/** Resolves one NetworkPolicy; `workloads` are every workload of the cluster with its pod labels. */
export function resolveEgress(
  policy: KubeObject,
  workloads: readonly PlacedWorkload[],
  endpointsConfig: Readonly<Record<string, string>>,
): ResolvedEgress {
  const { namespace } = refOf(policy);
  const spec = asRecord(policy.spec);
  const podSelector = asRecord(spec.podSelector);
  const selectsEveryPod =
    Object.keys(asRecord(podSelector.matchLabels)).length === 0 && asArray(podSelector.matchExpressions).length === 0;
  if (selectsEveryPod) return { subjects: [], targets: [], edges: [] };
  const subjects = workloads
    .filter((w) => w.namespace === namespace && !w.dataService && matches(podSelector, w.podLabels))
    .map((w) => w.key);
  const targets = new Map<string, Omit<GraphNode, 'fingerprint'>>();
  const edges: { from: string; to: string; port: string }[] = [];
  const point = (to: string, port: string) => {
    for (const from of subjects) if (from !== to) edges.push({ from, to, port });
  };
  for (const rule of asArray(spec.egress).map(asRecord)) {
    const ports = asArray(rule.ports).map((port) => asString(asRecord(port).port));
    const portList = ports.length > 0 ? ports : [''];
    const peers = asArray(rule.to).map(asRecord);
    if (peers.length === 0) {
      const node = endpointNode('0.0.0.0/0', []);
      targets.set(node.key, node);
      for (const port of portList) point(node.key, port);
    }
    for (const peer of peers) {
      const ipBlock = asRecord(peer.ipBlock);
      if (asString(ipBlock.cidr)) {
        const cidr = asString(ipBlock.cidr);
        const except = asArray(ipBlock.except).map(asString);
        for (const port of portList) {
          const service = PRIVATE_RANGES.has(cidr) ? DATA_SERVICE_BY_PORT.get(port) : undefined;
          const node = service ? managedDataNode(service, endpointsConfig) : endpointNode(cidr, except);
          targets.set(node.key, node);
          point(node.key, port);
        }
        continue;
      }
      const namespaces = peer.namespaceSelector === undefined ? [namespace] : namespacesSelected(peer, workloads);
      const pods = peer.podSelector === undefined ? undefined : asRecord(peer.podSelector);
      for (const peerNamespace of namespaces) {
        const candidates = workloads.filter((w) => w.namespace === peerNamespace);
        const selectsPods =
          pods !== undefined &&
          (Object.keys(asRecord(pods.matchLabels)).length > 0 || asArray(pods.matchExpressions).length > 0);
        if (selectsPods) {
          for (const workload of candidates.filter((w) => matches(pods, w.podLabels)))
            for (const port of portList) point(workload.key, port);
          continue;
        }
        for (const port of portList) {
          const service = DATA_SERVICE_BY_PORT.get(port);
          const dataWorkload = candidates.find((w) => w.dataService !== undefined && w.dataService === service);
          if (dataWorkload) {
            point(dataWorkload.key, port);
            continue;
          }
          const namespaceNode = {
            key: `namespace:${peerNamespace}`,
            kind: 'namespace' as const,
            lines: [`namespace ${peerNamespace}`],
          };
          targets.set(namespaceNode.key, namespaceNode);
          point(namespaceNode.key, port);
        }
      }
    }
  }
  return { subjects, targets: [...targets.values()], edges };
}

function namespacesSelected(peer: Loose, workloads: readonly PlacedWorkload[]): string[] {
  const selector = asRecord(peer.namespaceSelector);
  const named = asString(asRecord(selector.matchLabels)['kubernetes.io/metadata.name']);
  if (named) return [named];
  // Any other namespace selector: the namespaces this picture knows of whose name label would match.
  return [...new Set(workloads.map((w) => w.namespace))]
    .filter((ns) => matches(selector, { 'kubernetes.io/metadata.name': ns }))
    .sort();
}

/** Do `labels` satisfy a label selector's matchLabels and matchExpressions? */
function matches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  const sel = asRecord(selector);
  for (const [key, value] of Object.entries(stringMap(sel.matchLabels))) if (labels[key] !== value) return false;
  for (const expression of asArray(sel.matchExpressions).map(asRecord)) {
    const key = asString(expression.key);
    const values = asArray(expression.values).map(asString);
    const op = asString(expression.operator);
    if (op === 'In' && !values.includes(labels[key] ?? '\u0000')) return false;
    if (op === 'NotIn' && labels[key] !== undefined && values.includes(labels[key]!)) return false;
    if (op === 'Exists' && labels[key] === undefined) return false;
    if (op === 'DoesNotExist' && labels[key] !== undefined) return false;
  }
  return true;
}
