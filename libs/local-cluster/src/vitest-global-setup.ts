// Vitest global setup: one control plane for a whole test run. Use it from a vitest config with
// `test.globalSetup: ['libs/local-cluster/src/vitest-global-setup.ts']`, then read the connection with
// `inject('localCluster')` in tests. Teardown stops it; if the run is killed, the watchdog and the next
// start's reaping clean up.
import { startLocalCluster } from './local-cluster';

export interface ProvidedLocalCluster {
  readonly server: string;
  readonly adminKubeconfig: string;
  readonly readOnlyKubeconfig: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localCluster: ProvidedLocalCluster;
  }
}

export default async function setup(project: {
  provide: (key: 'localCluster', value: ProvidedLocalCluster) => void;
}): Promise<() => Promise<void>> {
  const cluster = await startLocalCluster();
  project.provide('localCluster', {
    server: cluster.server,
    adminKubeconfig: cluster.adminKubeconfig,
    readOnlyKubeconfig: cluster.readOnlyKubeconfig,
  });
  return () => cluster.stop();
}
