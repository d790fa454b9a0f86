// Public entry point of @go-coffee/environments: the ClusterContext contract and the loader. Test fixtures live
// in @go-coffee/environments/test-support.
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
export { configSettingsOf } from './config-settings';
export type { ConfigSetting } from './config-settings';
export type { FleetDeclaration } from './environment-schema';
export { spokeRootApplication } from './expand-fleet';
export { expandFleetToClusters, loadAllEnvironments, loadEnvironment } from './load-environment';
export type { LoadEnvironmentOptions, LoadedEnvironment, SourceOverrides } from './load-environment';
