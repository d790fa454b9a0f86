// Public entry point of @go-coffee/render-kit: the area contract, shared constructs and the render engine.
export { NAMESPACES } from './render-area';
export type { RenderArea } from './render-area';
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
export {
  APPLICATIONS_FOLDER,
  APPLICATION_CARVE_OUTS,
  AREA_NAMES,
  AREA_NAMESPACES,
  ROOT_APPLICATION,
  applicationForFile,
  applicationNames,
  areaForApplication,
  areaForApplicationFile,
  destinationNamespaceForApplication,
  projectForApplication,
} from './application-layout';
export type { ApplicationCarveOut, AreaName } from './application-layout';
export { ChildApplications } from './child-applications';
export type { ChildApplicationsProps } from './child-applications';
export { CLUSTER_SCOPED_KINDS, describeManifest, manifestFileName, serializeManifest } from './manifest-files';
export type { Manifest } from './manifest-files';
export {
  DEFAULT_OWNER,
  MANAGED_BY,
  OWNER_LABEL,
  PART_OF,
  SYNC_WAVE_ANNOTATION,
  TRACKING_ID_ANNOTATION,
  trackingId,
  withOwnership,
} from './ownership';
export { AREA_SYNC_WAVES, syncWaveFor } from './sync-waves';
export { RenderError, renderCluster } from './render-cluster';
export type { RenderClusterOptions, RenderedFile } from './render-cluster';
export { CLUSTER_README_FILE, diffTree, writeTree } from './gitops-tree';
export type { TreeDiff, TreeFile, TreeScope } from './gitops-tree';
export { runRenderCommand, selectClusters } from './render-command';
export type { RenderCommandIo, RenderSelection } from './render-command';
export { isRenderArea, loadAreaModules } from './area-modules';
export { CUSTOM_KINDS, customKindOf, customResourceDefinitions } from './crds/custom-resource-definitions';
export type { CustomKind } from './crds/custom-resource-definitions';
export { chartInstallingGroup, chartRepositoriesOf, chartSource, UPSTREAM_CHARTS } from './upstream-charts';
export type { UpstreamChart } from './upstream-charts';
export { plainScalarIsPortable, YAML_1_1_READER, YAML_1_1_VALUE_NODE } from './yaml-scalar-resolution';
