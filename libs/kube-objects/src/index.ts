// Public entry point of @go-coffee/kube-objects: the shared vocabulary for Kubernetes objects (ref, key,
// description), Argo CD tracking ids (both forms), built-in API groups and cluster-scoped kinds.
export { compareRefs, describeObject, describeRef, groupOf, refKey, refOf, versionOf } from './object-ref';
export type { KubeObject, Manifest, ObjectRef } from './object-ref';
export {
  TRACKING_ID_ANNOTATION,
  formatTrackingId,
  ownTrackingId,
  parseTrackingId,
  trackingAnnotationOf,
  trackingIdNames,
} from './tracking-id';
export type { FormatTrackingIdOptions, TrackingId } from './tracking-id';
export { BUILT_IN_GROUPS, isBuiltInGroup } from './built-in-groups';
export { CLUSTER_SCOPED_KINDS, isClusterScopedKind } from './cluster-scoped-kinds';
