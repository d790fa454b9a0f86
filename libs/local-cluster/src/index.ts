export {
  ADMIN_IDENTITY,
  READ_ONLY_CLUSTER_ROLE,
  READ_ONLY_IDENTITY,
  defaultStateRoot,
  startLocalCluster,
} from './local-cluster';
export type { Identity, KubectlOptions, KubectlResult, LocalCluster, LocalClusterOptions } from './local-cluster';
export { livePids, reapStaleRuns } from './run-directory';
