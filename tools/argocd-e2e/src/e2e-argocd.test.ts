// Runs the Argo CD end-to-end test (`npm run e2e:argocd`) as part of `npm test` and holds it to the issue's
// bar: every Application synced, no first sync blocked, both round trips ok, no false drift.
import { describe, expect, it } from 'vitest';
import { runE2eScript } from './e2e-verdict';

describe('Argo CD end to end', () => {
  it('bootstraps a bare dev and prod cluster from the committed tree, syncs a merge and reads no false drift', () => {
    const { status, last, fields } = runE2eScript('e2e-argocd.ts', 'e2e:argocd', 1_500_000);
    expect(last).toMatch(
      /^e2e:argocd applications=\d+ synced=\d+ healthy=\d+ first_sync_blocked=[01] merge_to_sync=(ok|fail) drift_roundtrip=(ok|fail) false_drift=\d+ seconds=\d+$/,
    );
    expect(Number(fields.applications)).toBeGreaterThan(20);
    expect(fields).toMatchObject({
      synced: fields.applications,
      first_sync_blocked: '0',
      merge_to_sync: 'ok',
      drift_roundtrip: 'ok',
      false_drift: '0',
    });
    expect(status).toBe(0);
  }, 1_600_000);
});
