// Public entry point of @go-coffee/cluster-diagram: Mermaid pictures of a cluster (its README) and of what a pull
// request changes in it, built from rendered objects.
export { buildClusterGraph } from './cluster-graph';
export type {
  ChartRow,
  ClusterGraph,
  ClusterGraphOptions,
  GraphEdge,
  GraphNode,
  ImageRow,
  NodeKind,
} from './cluster-graph';
export { clusterReadme } from './cluster-readme';
export { changePicture } from './change-picture';
export type { ChangePicture } from './change-picture';
export { edgeKey, renderFlowchart } from './mermaid-flowchart';
export type { EdgeStatus, FlowchartOptions, NodeStatus } from './mermaid-flowchart';
export { renderMermaidInChromium } from './mermaid-in-chromium';
export type { MermaidRenderResult } from './mermaid-in-chromium';
