export {
  ADMIN_IDENTITY,
  READ_ONLY_CLUSTER_ROLE,
  READ_ONLY_IDENTITY,
  defaultStateRoot,
  startLocalCluster,
} from './local-cluster';
export type { Identity, KubectlOptions, KubectlResult, LocalCluster, LocalClusterOptions } from './local-cluster';
export {
  livePids,
  processCpuSeconds,
  processStartTime,
  reapStaleRuns,
  RUN_PREFIX,
  terminateRun,
} from './run-directory';
export { freeLoopbackPort } from './free-port';
export { logTail, startRunProcess } from './run-process';
export type { RunProcess, RunProcessOptions } from './run-process';
export { writeFleetKubeconfig } from './fleet-kubeconfig';
export type { FleetMember } from './fleet-kubeconfig';
