// The picture of what a pull request changes in one cluster: the nodes whose objects differ between the base and
// the head render (added, changed, removed), the arrows that appear or disappear, and just enough unchanged
// context to read them: the Application that owns a changed workload, the namespace box around it, and whatever
// a changed workload talks to. An image bump thus shows the Deployment (changed) under its Application.
import type { KubeObject } from '@go-coffee/kube-objects';
import { buildClusterGraph, workloadKey } from './cluster-graph';
import type { ClusterGraph, GraphEdge, GraphNode } from './cluster-graph';
import { edgeKey, renderFlowchart } from './mermaid-flowchart';
import type { EdgeStatus, NodeStatus } from './mermaid-flowchart';

export interface ChangePicture {
  /** Mermaid flowchart text. */
  readonly mermaid: string;
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

/** Image per container, keyed by workload node. */
function imagesByWorkload(graph: ClusterGraph): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const row of graph.images) {
    const key = workloadKey(row.namespace, row.workload);
    out.set(key, (out.get(key) ?? new Map<string, string>()).set(row.container, row.image));
  }
  return out;
}

/** `1.4.0` of `ghcr.io/go-coffee/api:1.4.0`; the whole reference when it has no tag. */
function tagOf(image: string): string {
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? image.slice(colon + 1) : image;
}

/** A changed workload's label also says which images moved: `api-gateway: 1.4.0 → 1.5.0`. */
function withImageChanges(node: GraphNode, before: Map<string, string>, after: Map<string, string>): GraphNode {
  const moved = [...after.entries()]
    .filter(([container, image]) => before.has(container) && before.get(container) !== image)
    .map(([container, image]) => `${container}: ${tagOf(before.get(container)!)} → ${tagOf(image)}`);
  return moved.length > 0 ? { ...node, lines: [...node.lines, ...moved] } : node;
}

/** undefined when nothing a picture shows differs. */
export function changePicture(base: readonly KubeObject[], head: readonly KubeObject[]): ChangePicture | undefined {
  const before = buildClusterGraph(base, { fingerprints: true });
  const after = buildClusterGraph(head, { fingerprints: true });
  const baseNodes = new Map(before.nodes.map((node) => [node.key, node]));
  const headNodes = new Map(after.nodes.map((node) => [node.key, node]));
  const nodeStatus = new Map<string, NodeStatus>();
  const all = new Map<string, GraphNode>([...baseNodes, ...headNodes]);
  for (const key of all.keys()) {
    const was = baseNodes.get(key);
    const is = headNodes.get(key);
    if (!was) nodeStatus.set(key, 'added');
    else if (!is) nodeStatus.set(key, 'removed');
    else if (was.fingerprint !== is.fingerprint || was.lines.join('\n') !== is.lines.join('\n'))
      nodeStatus.set(key, 'changed');
  }
  const baseEdges = new Map(before.edges.map((edge) => [edgeKey(edge), edge]));
  const headEdges = new Map(after.edges.map((edge) => [edgeKey(edge), edge]));
  const edgeStatus = new Map<string, EdgeStatus>();
  for (const key of headEdges.keys()) if (!baseEdges.has(key)) edgeStatus.set(key, 'added');
  for (const key of baseEdges.keys()) if (!headEdges.has(key)) edgeStatus.set(key, 'removed');
  if (nodeStatus.size === 0 && edgeStatus.size === 0) return undefined;

  const allEdges = new Map<string, GraphEdge>([...baseEdges, ...headEdges]);
  const included = new Set(nodeStatus.keys());
  for (const key of edgeStatus.keys()) {
    const edge = allEdges.get(key)!;
    included.add(edge.from).add(edge.to);
  }
  for (const key of [...included]) {
    const node = all.get(key)!;
    if (node.kind === 'workload' || node.kind === 'data-service') {
      if (node.application) included.add(node.application);
      if (node.namespace !== undefined) included.add(`namespace:${node.namespace}`);
      for (const edge of allEdges.values()) if (edge.from === key) included.add(edge.to);
    }
    if (node.kind === 'application') for (const edge of allEdges.values()) if (edge.to === key) included.add(edge.from);
  }
  // An ownership arrow is drawn only from the Application that owns an included workload in that namespace.
  const owned = new Set(
    [...included]
      .map((key) => all.get(key)!)
      .filter((node) => node.application && node.namespace !== undefined)
      .map((node) => `${node.application}\u0000namespace:${node.namespace}`),
  );
  const edges = [...allEdges.entries()]
    .filter(([key, edge]) => {
      if (!included.has(edge.from) || !included.has(edge.to)) return false;
      const ownership = edge.from.startsWith('application:') && edge.to.startsWith('namespace:');
      return !ownership || edgeStatus.has(key) || owned.has(`${edge.from}\u0000${edge.to}`);
    })
    .map(([, edge]) => edge)
    .sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0));
  const imagesBefore = imagesByWorkload(before);
  const imagesAfter = imagesByWorkload(after);
  const nodes = [...included].sort().map((key) => {
    const node = all.get(key)!;
    if (nodeStatus.get(key) !== 'changed' || node.kind !== 'workload') return node;
    return withImageChanges(node, imagesBefore.get(key) ?? new Map(), imagesAfter.get(key) ?? new Map());
  });
  const count = (status: NodeStatus) => [...nodeStatus.values()].filter((value) => value === status).length;
  return {
    mermaid: renderFlowchart({ nodes, edges }, { nodeStatus, edgeStatus }),
    added: count('added'),
    changed: count('changed'),
    removed: count('removed'),
  };
}
