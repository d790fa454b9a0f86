// Cross-document policies are evaluated one scope (cluster folder) at a time; the merged verdicts must be
// those of one evaluation of the whole tree.
import { describe, expect, it } from 'vitest';
import { combinedScope, mergePackageValues } from './policy-check';

describe('combined evaluation per scope', () => {
  it('scopes a file by its cluster folder, as lib.kubernetes.scope does', () => {
    expect(combinedScope('gitops/prod-aws-us-east-1/core-services/deployment-go-coffee-api.yaml')).toBe(
      'gitops/prod-aws-us-east-1',
    );
    expect(combinedScope('../../tmp/fleet/gitops/dev-aws-fleet-000/platform/namespace--argocd.yaml')).toBe(
      '../../tmp/fleet/gitops/dev-aws-fleet-000',
    );
    expect(combinedScope('platform/a.yaml')).toBe('');
  });

  it('unions set rules without repeating data-only verdicts, ORs boolean rules, keeps other values once', () => {
    const expired = { msg: 'exception expired', path: 'policies/data.yaml' };
    expect(
      mergePackageValues([
        {
          deny_missing_pdb: [{ msg: 'a', path: 'gitops/a/x.yaml' }],
          deny_expired: [expired],
          ok: false,
          index: { a: 1 },
        },
        {
          deny_missing_pdb: [{ msg: 'b', path: 'gitops/b/x.yaml' }],
          deny_expired: [expired],
          ok: true,
          index: { b: 1 },
        },
      ]),
    ).toStrictEqual({
      deny_missing_pdb: [
        { msg: 'a', path: 'gitops/a/x.yaml' },
        { msg: 'b', path: 'gitops/b/x.yaml' },
      ],
      deny_expired: [expired],
      ok: true,
      index: { a: 1 },
    });
  });

  it('returns the only scope value as it is', () => {
    const value = { deny_x: [] };
    expect(mergePackageValues([value])).toBe(value);
    expect(mergePackageValues([undefined])).toBeUndefined();
  });
});
