// Writes a cluster graph as a Mermaid flowchart, deterministically: the same graph always gives the same text, so
// a generated README changes only when the cluster does. Applications left, namespaces as boxes holding their
// workloads, data services as cylinders, outside addresses as hexagons; with change statuses (the PR report) nodes
// and arrows are coloured added / changed / removed, and unchanged context is grey.
import type { GraphEdge, GraphNode, NodeKind } from './cluster-graph';

export type NodeStatus = 'added' | 'changed' | 'removed' | 'context';
export type EdgeStatus = 'added' | 'removed' | 'context';

export interface FlowchartGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export interface FlowchartOptions {
  /** Per node key; when given, nodes are styled by status instead of by kind. */
  readonly nodeStatus?: ReadonlyMap<string, NodeStatus>;
  /** Per edge (`edgeKey`); absent edges are context. */
  readonly edgeStatus?: ReadonlyMap<string, EdgeStatus>;
}

export const edgeKey = (edge: GraphEdge): string => `${edge.from}\u0000${edge.to}\u0000${edge.label}`;

const ID_PREFIX: Readonly<Record<NodeKind, string>> = {
  application: 'app',
  namespace: 'ns',
  workload: 'wl',
  'data-service': 'ds',
  endpoint: 'ext',
};

const KIND_CLASS_DEFS = [
  'classDef app fill:#e8f0fe,stroke:#1a56db,color:#0b1f44',
  'classDef manual fill:#fff4e5,stroke:#b45309,color:#3b2306,stroke-dasharray:5 3',
  'classDef ns fill:#f9fafb,stroke:#6b7280,color:#111827',
  'classDef workload fill:#ecfdf3,stroke:#067647,color:#053321',
  'classDef data fill:#f4ebff,stroke:#6941c6,color:#2c1c5f',
  'classDef external fill:#fef3f2,stroke:#b42318,color:#55160c',
];

const STATUS_CLASS_DEFS = [
  'classDef added fill:#dafbe1,stroke:#1a7f37,color:#0f3d1d,stroke-width:2px',
  'classDef changed fill:#fff8c5,stroke:#9a6700,color:#3b2300,stroke-width:2px',
  'classDef removed fill:#ffebe9,stroke:#cf222e,color:#5c0f14,stroke-width:2px,stroke-dasharray:5 3',
  'classDef context fill:#f6f8fa,stroke:#8c959f,color:#57606a',
];

const EDGE_STYLES: Readonly<Record<Exclude<EdgeStatus, 'context'>, string>> = {
  added: 'stroke:#1a7f37,stroke-width:2px',
  removed: 'stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 3',
};

/** Id of the box holding every Application; node ids all carry a kind prefix, so it never clashes. */
const APPLICATIONS_BOX = 'argo_cd_applications';

/** Label text inside `"…"`: Mermaid's entity codes for the characters that would end or break the string. */
function labelText(lines: readonly string[]): string {
  return lines
    .map((line) => line.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#60;').replace(/>/g, '#62;'))
    .join('<br/>');
}

function kindClass(node: GraphNode): string {
  if (node.kind === 'application') return node.manual ? 'manual' : 'app';
  if (node.kind === 'namespace') return 'ns';
  if (node.kind === 'data-service') return 'data';
  if (node.kind === 'endpoint') return 'external';
  return 'workload';
}

function shape(id: string, node: GraphNode): string {
  const text = `"${labelText(node.lines)}"`;
  if (node.kind === 'application') return `${id}(${text})`;
  if (node.kind === 'data-service') return `${id}[(${text})]`;
  if (node.kind === 'endpoint') return `${id}{{${text}}}`;
  return `${id}[${text}]`;
}

/** Mermaid ids from node keys: readable, unique (a numeric suffix settles the rare clash), never a keyword. */
function assignIds(nodes: readonly GraphNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of [...nodes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const slug = node.key.slice(node.key.indexOf(':') + 1).replace(/[^A-Za-z0-9]+/g, '_');
    const base = `${ID_PREFIX[node.kind]}_${slug.slice(0, 48)}`;
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}_${n}`;
    used.add(id);
    ids.set(node.key, id);
  }
  return ids;
}

export function renderFlowchart(graph: FlowchartGraph, options: FlowchartOptions = {}): string {
  const ids = assignIds(graph.nodes);
  const id = (key: string) => ids.get(key)!;
  const members = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    if (node.namespace !== undefined && ids.has(`namespace:${node.namespace}`))
      members.set(node.namespace, [...(members.get(node.namespace) ?? []), node]);
  }
  const lines = ['flowchart LR'];
  const inBox = new Set([...members.values()].flat().map((node) => node.key));
  // The Applications share one box (they all live in Argo CD's namespace), which keeps dagre from threading the
  // chart Applications between the workload namespaces.
  const applications = graph.nodes.filter((node) => node.kind === 'application');
  if (applications.length > 0) {
    lines.push(`  subgraph ${APPLICATIONS_BOX}["Argo CD Applications"]`);
    for (const node of applications) lines.push(`    ${shape(id(node.key), node)}`);
    lines.push('  end');
  }
  for (const node of graph.nodes) {
    if (inBox.has(node.key) || node.kind === 'application') continue;
    const namespaceName = node.kind === 'namespace' ? node.key.slice('namespace:'.length) : undefined;
    const boxed = namespaceName !== undefined ? members.get(namespaceName) : undefined;
    if (boxed) {
      lines.push(`  subgraph ${id(node.key)}["${labelText(node.lines)}"]`);
      for (const member of boxed) lines.push(`    ${shape(id(member.key), member)}`);
      lines.push('  end');
    } else {
      lines.push(`  ${shape(id(node.key), node)}`);
    }
  }
  const linkStyles: string[] = [];
  graph.edges.forEach((edge, index) => {
    const status = options.edgeStatus?.get(edgeKey(edge)) ?? 'context';
    const arrow = status === 'removed' ? '-.->' : '-->';
    const label = edge.label ? `|"${labelText([edge.label])}"|` : '';
    lines.push(`  ${id(edge.from)} ${arrow}${label} ${id(edge.to)}`);
    if (status !== 'context') linkStyles.push(`  linkStyle ${index} ${EDGE_STYLES[status]}`);
  });
  lines.push(...linkStyles);
  const classes = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const name = options.nodeStatus ? (options.nodeStatus.get(node.key) ?? 'context') : kindClass(node);
    classes.set(name, [...(classes.get(name) ?? []), id(node.key)]);
  }
  lines.push(...(options.nodeStatus ? STATUS_CLASS_DEFS : KIND_CLASS_DEFS).map((line) => `  ${line}`));
  if (applications.length > 0) lines.push(`  style ${APPLICATIONS_BOX} fill:#f8fafc,stroke:#94a3b8,color:#334155`);
  for (const [name, members] of [...classes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    lines.push(`  class ${members.join(',')} ${name}`);
  return `${lines.join('\n')}\n`;
}
