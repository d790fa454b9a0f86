import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import setup, { type ProvidedLocalCluster } from './vitest-global-setup';

describe('vitest global setup', () => {
  it('provides a ready cluster to tests and stops it at teardown', async () => {
    let provided: ProvidedLocalCluster | undefined;
    const teardown = await setup({ provide: (_key, value) => (provided = value) });
    expect(provided?.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const readyz = await fetch(`${provided!.server}/readyz`).catch((err: unknown) => err);
    // The serving certificate comes from our own CA, so an unconfigured client must refuse it.
    expect(readyz).toBeInstanceOf(Error);
    expect(existsSync(provided!.adminKubeconfig)).toBe(true);
    await teardown();
    expect(existsSync(provided!.adminKubeconfig)).toBe(false);
  });
});
