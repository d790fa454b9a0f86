import { describe, expect, it } from 'vitest';
import type { LocalCluster } from '@go-coffee/local-cluster';
import { startLocalArgoCd } from './local-argocd';

// Bad options must be refused before anything is installed or started: a cluster that fails on first touch
// proves the order.
const untouchable = new Proxy({} as LocalCluster, {
  get: (_, property) => {
    throw new Error(`cluster touched (${String(property)}) before the options were checked`);
  },
});

describe('startLocalArgoCd options', () => {
  it('refuses a controller replica count below one or not whole', async () => {
    await expect(startLocalArgoCd(untouchable, { controllerReplicas: 0 })).rejects.toThrow(
      'controllerReplicas must be a whole number of at least 1, got 0',
    );
    await expect(startLocalArgoCd(untouchable, { controllerReplicas: 1.5 })).rejects.toThrow(/got 1\.5/);
  });

  it('refuses an argocd-cmd-params-cm key it would not pass to the controllers', async () => {
    await expect(
      startLocalArgoCd(untouchable, {
        params: { 'controller.sharding.algorithm': 'legacy', 'server.insecure': 'true' },
      }),
    ).rejects.toThrow(
      'argocd-cmd-params-cm server.insecure: not passed to the local processes (supported: controller.sharding.algorithm)',
    );
  });
});
