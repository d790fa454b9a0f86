// A cluster as a graph a person can read: Argo CD Applications (sync wave, automated or manual), the namespaces
// they deploy into, the workloads there, and what each workload may talk to (its NetworkPolicy egress, resolved to
// other workloads, data services and outside addresses). Built from the rendered objects alone, so the picture
// shows what Argo CD applies, never what a source file meant. Every object is attributed to one node (its
// fingerprint), which is how the change picture tells which nodes a pull request touches.
import { createHash } from 'node:crypto';
import { ownTrackingId, refOf } from '@go-coffee/kube-objects';
import type { KubeObject } from '@go-coffee/kube-objects';
import { DATA_ENDPOINTS_CONFIG_MAP } from '@go-coffee/workload-constructs';
import { resolveEgress } from './egress-targets';
import { asArray, asRecord, asString, stringMap } from './manifest-fields';
import { OPERATOR_DATA_SERVICES, operatorDataServiceOf } from './operator-data-services';

export type NodeKind = 'application' | 'namespace' | 'workload' | 'data-service' | 'endpoint';

export interface GraphNode {
  /** Stable key, e.g. `application:core-services`, `workload:go-coffee/api-gateway`, `data:kafka`. */
  readonly key: string;
  readonly kind: NodeKind;
  /** Label, one entry per line. */
  readonly lines: readonly string[];
  /** Namespace box the node is drawn in (workloads and in-cluster data services). */
  readonly namespace?: string;
  /** Key of the Application that owns a workload or in-cluster data service. */
  readonly application?: string;
  /** An Application Argo CD syncs only when someone presses Sync. */
  readonly manual?: boolean;
  /**
   * Digest of every object attributed to the node (only with `fingerprints: true`); equal digests mean nothing
   * of the node changed.
   */
  readonly fingerprint?: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** Ports on the arrow (`:9096`), empty for ownership arrows. */
  readonly label: string;
}

export interface ImageRow {
  readonly application: string;
  readonly namespace: string;
  readonly workload: string;
  readonly kind: string;
  readonly container: string;
  readonly image: string;
  readonly replicas: string;
}

export interface ChartRow {
  readonly application: string;
  readonly chart: string;
  readonly version: string;
  readonly namespace: string;
}

export interface ClusterGraph {
  /** Sorted by key. */
  readonly nodes: readonly GraphNode[];
  /** Sorted by from, to, label. */
  readonly edges: readonly GraphEdge[];
  readonly images: readonly ImageRow[];
  readonly charts: readonly ChartRow[];
}

/** The workload kinds drawn as boxes; their pods are what NetworkPolicies select. */
const WORKLOAD_KINDS = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet']);

/** A workload (or in-cluster data service) with what egress resolution and attribution need. */
export interface PlacedWorkload {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly podLabels: Readonly<Record<string, string>>;
  /** `kafka`, `postgres`, `redis` when the object is an operator-run data service. */
  readonly dataService?: string;
}

export const workloadKey = (namespace: string, name: string): string => `workload:${namespace}/${name}`;
export const namespaceKey = (name: string): string => `namespace:${name}`;
export const applicationKey = (name: string): string => `application:${name}`;

const waveOf = (object: KubeObject): string =>
  asString(asRecord(asRecord(object.metadata).annotations)['argocd.argoproj.io/sync-wave']) || '0';

function applicationNode(object: KubeObject): { node: Omit<GraphNode, 'fingerprint'>; chart?: ChartRow } {
  const { name } = refOf(object);
  const spec = asRecord(object.spec);
  const source = asRecord(spec.source ?? asArray(spec.sources)[0]);
  const manual = asRecord(spec.syncPolicy).automated === undefined;
  const lines = [name];
  let chart: ChartRow | undefined;
  if (asString(source.chart)) {
    lines.push(`chart ${asString(source.chart)} ${asString(source.targetRevision)}`);
    chart = {
      application: name,
      chart: asString(source.chart),
      version: asString(source.targetRevision),
      namespace: asString(asRecord(spec.destination).namespace),
    };
  }
  lines.push(`wave ${waveOf(object)} · ${manual ? 'manual sync' : 'automated'}`);
  return { node: { key: applicationKey(name), kind: 'application', lines, ...(manual ? { manual } : {}) }, chart };
}

function replicasText(object: KubeObject, scalers: ReadonlyMap<string, string>): string {
  const { kind, namespace, name } = refOf(object);
  const scaled = scalers.get(`${namespace}/${kind}/${name}`);
  if (scaled) return scaled;
  if (kind === 'DaemonSet') return 'one per node';
  return asString(asRecord(object.spec).replicas) || '1';
}

/** `min–max (HPA)` / `(KEDA)` per scaled workload, keyed `namespace/Kind/name`. */
function scalersOf(objects: readonly KubeObject[]): Map<string, string> {
  const scalers = new Map<string, string>();
  for (const object of objects) {
    const { kind, namespace } = refOf(object);
    const spec = asRecord(object.spec);
    const target = asRecord(spec.scaleTargetRef);
    const key = `${namespace}/${asString(target.kind) || 'Deployment'}/${asString(target.name)}`;
    if (kind === 'HorizontalPodAutoscaler') {
      scalers.set(key, `${asString(spec.minReplicas) || '1'}–${asString(spec.maxReplicas)} (HPA)`);
    } else if (kind === 'ScaledObject') {
      scalers.set(key, `${asString(spec.minReplicaCount) || '0'}–${asString(spec.maxReplicaCount) || '100'} (KEDA)`);
    }
  }
  return scalers;
}

export interface ClusterGraphOptions {
  /** Attribute every object to a node and digest it (what the change picture compares). @default false */
  readonly fingerprints?: boolean;
}

/** Builds the graph of one cluster from its rendered objects (any order; the result is sorted). */
export function buildClusterGraph(objects: readonly KubeObject[], options: ClusterGraphOptions = {}): ClusterGraph {
  const nodes = new Map<string, Omit<GraphNode, 'fingerprint'>>();
  const edges = new Map<string, { from: string; to: string; ports: Set<string> }>();
  const addEdge = (from: string, to: string, port = '') => {
    const id = `${from}\u0000${to}`;
    const edge = edges.get(id) ?? { from, to, ports: new Set<string>() };
    if (port) edge.ports.add(port);
    edges.set(id, edge);
  };
  const addNamespace = (name: string) => {
    if (!nodes.has(namespaceKey(name)))
      nodes.set(namespaceKey(name), { key: namespaceKey(name), kind: 'namespace', lines: [`namespace ${name}`] });
  };
  const owner = (object: KubeObject) => ownTrackingId(object)?.application;
  const scalers = scalersOf(objects);
  const images: ImageRow[] = [];
  const charts: ChartRow[] = [];
  const workloads: PlacedWorkload[] = [];
  const attributed = new Map<KubeObject, string>();

  for (const object of objects) {
    const ref = refOf(object);
    if (ref.group === 'argoproj.io' && ref.kind === 'Application') {
      const { node, chart } = applicationNode(object);
      nodes.set(node.key, node);
      attributed.set(object, node.key);
      const parent = owner(object);
      if (parent && parent !== ref.name) addEdge(applicationKey(parent), node.key);
      if (chart) {
        charts.push(chart);
        if (chart.namespace) {
          addNamespace(chart.namespace);
          addEdge(node.key, namespaceKey(chart.namespace));
        }
      }
    } else if (ref.kind === 'Namespace' && ref.group === '') {
      addNamespace(ref.name);
      attributed.set(object, namespaceKey(ref.name));
    }
  }

  for (const object of objects) {
    const ref = refOf(object);
    const application = owner(object) ?? '';
    const dataService = operatorDataServiceOf(object);
    if (!WORKLOAD_KINDS.has(`${ref.group}/${ref.kind}`) && !dataService) continue;
    const key = workloadKey(ref.namespace, ref.name);
    attributed.set(object, key);
    addNamespace(ref.namespace);
    if (application) addEdge(applicationKey(application), namespaceKey(ref.namespace));
    const spec = asRecord(object.spec);
    if (dataService) {
      const described = OPERATOR_DATA_SERVICES[dataService.kindKey]!;
      nodes.set(key, {
        key,
        kind: 'data-service',
        lines: [described.title, `${described.operator} ${ref.name}`],
        namespace: ref.namespace,
        ...(application ? { application: applicationKey(application) } : {}),
      });
      workloads.push({ key, namespace: ref.namespace, name: ref.name, podLabels: {}, dataService: described.service });
      images.push({
        application,
        namespace: ref.namespace,
        workload: ref.name,
        kind: ref.kind,
        container: described.service,
        image: described.image(object),
        replicas: described.replicas(object, objects),
      });
      continue;
    }
    const template = asRecord(spec.template);
    nodes.set(key, {
      key,
      kind: 'workload',
      lines: [ref.name, ref.kind],
      namespace: ref.namespace,
      ...(application ? { application: applicationKey(application) } : {}),
    });
    workloads.push({
      key,
      namespace: ref.namespace,
      name: ref.name,
      podLabels: stringMap(asRecord(template.metadata).labels),
    });
    for (const container of asArray(asRecord(template.spec).containers).map(asRecord)) {
      images.push({
        application,
        namespace: ref.namespace,
        workload: ref.name,
        kind: ref.kind,
        container: asString(container.name),
        image: asString(container.image),
        replicas: replicasText(object, scalers),
      });
    }
  }

  const endpointsConfig: Record<string, string> = {};
  for (const object of objects) {
    if (refOf(object).kind === 'ConfigMap' && refOf(object).name === DATA_ENDPOINTS_CONFIG_MAP)
      Object.assign(endpointsConfig, stringMap(object.data));
  }
  for (const object of objects) {
    if (refOf(object).kind !== 'NetworkPolicy' || refOf(object).group !== 'networking.k8s.io') continue;
    const resolved = resolveEgress(object, workloads, endpointsConfig);
    for (const target of resolved.targets) if (!nodes.has(target.key)) nodes.set(target.key, target);
    for (const edge of resolved.edges) addEdge(edge.from, edge.to, edge.port);
    if (resolved.subjects.length > 0) attributed.set(object, resolved.subjects[0]!);
  }

  // Everything else belongs to the workload it serves (same name label in the namespace, or the target of its
  // scaler), else to the Application that owns it. The renderer writes keys sorted, so the JSON of an unchanged
  // object is the same on both sides of a pull request.
  const byNameLabel = new Map<string, string>();
  for (const workload of workloads) {
    const name = workload.podLabels['app.kubernetes.io/name'] ?? workload.name;
    byNameLabel.set(`${workload.namespace}/${name}`, workload.key);
    byNameLabel.set(`${workload.namespace}/${workload.name}`, workload.key);
  }
  const fingerprints = new Map<string, string[]>();
  for (const object of options.fingerprints ? objects : []) {
    const ref = refOf(object);
    const labels = stringMap(asRecord(object.metadata).labels);
    const target = asString(asRecord(asRecord(object.spec).scaleTargetRef).name);
    const key =
      attributed.get(object) ??
      byNameLabel.get(`${ref.namespace}/${target}`) ??
      byNameLabel.get(`${ref.namespace}/${labels['app.kubernetes.io/name'] ?? ''}`) ??
      (owner(object) ? applicationKey(owner(object)!) : undefined);
    if (!key) continue;
    fingerprints.set(key, [...(fingerprints.get(key) ?? []), JSON.stringify(object)]);
  }
  const digest = (key: string) =>
    createHash('sha256')
      .update((fingerprints.get(key) ?? []).sort().join('\n'))
      .digest('hex')
      .slice(0, 16);

  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    nodes: [...nodes.values()]
      .map((node) => (options.fingerprints ? { ...node, fingerprint: digest(node.key) } : node))
      .sort((a, b) => compare(a.key, b.key)),
    edges: [...edges.values()]
      .filter((edge) => nodes.has(edge.from) && nodes.has(edge.to))
      .map((edge) => ({
        from: edge.from,
        to: edge.to,
        label: [...edge.ports]
          .sort((a, b) => Number(a) - Number(b) || compare(a, b))
          .map((port) => `:${port}`)
          .join(', '),
      }))
      .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.label, b.label)),
    images: images.sort(
      (a, b) =>
        compare(a.application, b.application) ||
        compare(a.namespace, b.namespace) ||
        compare(a.workload, b.workload) ||
        compare(a.container, b.container),
    ),
    charts: charts.sort((a, b) => compare(a.application, b.application)),
  };
}
