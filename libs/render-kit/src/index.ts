// Public entry point of @go-coffee/render-kit: the area contract, shared constructs and the render engine.
export { NAMESPACES } from './render-area';
export type { AppProjectDeclaration, AreaDeclaration, CarveOutDeclaration, RenderArea } from './render-area';
export { ArgoApplication, ARGO_SYNC_RETRY, FIRST_SYNC_OPTION } from './argo-application';
export { APPLICATION_HEALTH_CHECK_KEY, APPLICATION_HEALTH_CHECK_LUA } from './application-health-check';
export { firstSyncProblems } from './first-sync-order';
export type { FirstSyncSubject } from './first-sync-order';
export type {
  ArgoApplicationProps,
  ArgoGitSource,
  ArgoHelmSource,
  ArgoIgnoreDifference,
  ArgoSource,
} from './argo-application';
export { APPLICATIONS_FOLDER, AreaLayout, AreaLayoutError, ROOT_APPLICATION } from './application-layout';
export type { ApplicationCarveOut, CatalogChart } from './application-layout';
export { ChildApplications } from './child-applications';
export type { ChildApplicationsProps } from './child-applications';
export { manifestFileName, serializeManifest } from './manifest-files';
export {
  DEFAULT_OWNER,
  MANAGED_BY,
  OWNER_LABEL,
  PART_OF,
  SYNC_WAVE_ANNOTATION,
  trackingId,
  withOwnership,
} from './ownership';
export { syncWaveFor } from './sync-waves';
export { RenderError, renderCluster } from './render-cluster';
export type { RenderClusterOptions, RenderedFile } from './render-cluster';
export { CLUSTER_README_FILE, diffTree, writeTree } from './gitops-tree';
export type { TreeDiff, TreeFile, TreeScope } from './gitops-tree';
export {
  AREA_DECLARATION_MODULE,
  AREA_ENTRY_MODULE,
  AREAS_FOLDER,
  findAreaFolders,
  isAreaDeclaration,
  isRenderArea,
  loadAreaLayout,
  loadAreaModules,
} from './area-modules';
export { CUSTOM_KINDS, customKindOf, customResourceDefinitions } from './crds/custom-resource-definitions';
export type { CustomKind } from './crds/custom-resource-definitions';
export { chartSource } from './upstream-charts';
export type { UpstreamChart } from './upstream-charts';
export { UpstreamChartApplication } from './upstream-chart-application';
export type { UpstreamChartApplicationProps } from './upstream-chart-application';
export { plainScalarIsPortable, YAML_1_1_READER, YAML_1_1_VALUE_NODE } from './yaml-scalar-resolution';
