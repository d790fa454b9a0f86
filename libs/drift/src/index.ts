export { canonicalQuantity, sameQuantity } from './quantity';
export { applyApiDefaults } from './api-defaults';
export { normalizeObject } from './normalize-object';
export type { NormalizeOptions } from './normalize-object';
export { FieldOwnership, describeWriter } from './field-ownership';
export type { FieldWriter, ManagedFieldsEntry, PathStep } from './field-ownership';
export { compareObjects } from './compare-objects';
export type { FieldChange, FieldDifference, ObjectComparison } from './compare-objects';
export { MASKED, MASKED_GIT, MASKED_LIVE_CHANGED, maskSecretDifference, maskSecretPair } from './mask-secret-values';
export { detectObjectDrift, toYaml } from './detect-object-drift';
export type { DetectObjectDriftOptions, DriftDifference, IgnoredDifference, ObjectDrift } from './detect-object-drift';
export { DesiredStateError, detectClusterDrift } from './detect-cluster-drift';
export type {
  ClusterDriftReport,
  DetectClusterDriftOptions,
  DriftProgress,
  LiveReader,
  MissingObject,
  NotSearchedKind,
  OrphanObject,
} from './detect-cluster-drift';
export { builtInSemantics, recordedBuiltInSemantics } from './built-in-semantics';
export { DEFAULTED_FIELDS } from './defaulted-fields';
export type { DefaultedField } from './defaulted-fields';
export { SemanticsIndex, compileOpenApiSemantics, shortSchemaName } from './openapi-semantics';
export type {
  FieldSemantics,
  FieldType,
  OpenApiV3Document,
  RecordedSemantics,
  SemanticsRef,
} from './openapi-semantics';
export { OpenApiSemanticsReader, openApiPathOf, recordBuiltInSemantics } from './fetch-openapi-semantics';
export type { JsonGet } from './fetch-openapi-semantics';
export { assertAcceptedByApiServer, validateAgainstSchema } from './validate-against-schema';
export type { SchemaProblem } from './validate-against-schema';
export { KUBE_YAML_SCHEMA } from './kube-yaml-schema';
export { dropServerAllocations } from './api-defaults';
export { loadRenderedTree, loadRenderedTreeInParallel, treeFiles } from './load-rendered-tree';
export type { LoadTreeOptions, TreeFile } from './load-rendered-tree';
export { CompactManifest, manifestRecordOf, manifestRecordsOf } from './desired-manifest';
export { readBlockYaml } from './read-block-yaml';
export type { DesiredManifest, LoadedManifestRecord, ManifestOutline } from './desired-manifest';
export { KubeconfigError, defaultKubeconfigPaths, loadKubeconfig } from './kubeconfig';
export type { ClusterCredentials } from './kubeconfig';
export { KubeApiClient, KubeApiError } from './kube-api-client';
export type { ApiResource, KubeApiClientOptions } from './kube-api-client';
export { describeDifference, formatDriftReport, hasDrift, summaryLine } from './format-drift-report';
export type { OutputFormat, ReportHeader } from './format-drift-report';
export { ArgoCdApiError, ArgoCdClient } from './argocd-client';
export type {
  ArgoApplication,
  ArgoCdClientOptions,
  ArgoCdErrorKind,
  ArgoResourceDiff,
  SyncRequest,
} from './argocd-client';
export { NOT_DRIFT, compareThroughArgoCd } from './argocd-drift';
export type { ArgoDriftCategory, ArgoDriftFinding, ArgoDriftInput } from './argocd-drift';
