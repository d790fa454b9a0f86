// Public entry point of @go-coffee/environments: the ClusterContext contract, the loader and test fixtures.
export { SERVICE_NAMES } from './cluster-context';
export type {
  ArgoCdFleet,
  Cloud,
  CloudAccount,
  ClusterContext,
  DnsChallengeZone,
  EnvironmentName,
  ImageRef,
  PublicTls,
  ServiceName,
  SizingProfile,
  SizingProfileName,
  WorkloadIdentity,
} from './cluster-context';
export { testClusterContext, TEST_IMAGE_TAG } from './test-cluster-context';
export type { ClusterContextOverrides } from './test-cluster-context';
export { parseCloudToggles } from './cloud-toggles';
export type { CloudToggles, ParsedCloudToggles } from './cloud-toggles';
export { EnvironmentConfigError } from './environment-config-error';
export type { ConfigIssue } from './environment-config-error';
export {
  CLOUDS,
  ENVIRONMENT_NAMES,
  FLEET_BOOTSTRAPS,
  IMAGE_TAG_PATTERN,
  SHARDING_ALGORITHMS,
  defaultsFileSchema,
  environmentFileSchema,
  environmentJsonSchemas,
  imagesFileSchema,
} from './environment-schema';
export type { FleetDeclaration } from './environment-schema';
export { spokeRootApplication } from './expand-fleet';
export { expandFleetToClusters, findWorkspaceRoot, loadAllEnvironments, loadEnvironment } from './load-environment';
export type { LoadEnvironmentOptions, LoadedEnvironment, SourceOverrides } from './load-environment';
