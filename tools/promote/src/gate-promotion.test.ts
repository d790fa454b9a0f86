import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PolicyResultSet } from '@go-coffee/policy-baseline';
import { describe, expect, it } from 'vitest';
import { gatePromotion, refuseNewPolicyFailures } from './gate-promotion';
import type { PromotionPlan } from './plan-promotion';
import { PromotionError } from './promotion-error';

const plan: PromotionPlan = {
  from: 'staging',
  to: 'prod',
  named: false,
  updates: new Map([['api', '1.4.0-rc.1']]),
  promoted: new Map([['api', ['1.3.0', '1.4.0-rc.1']]]),
};
const failing = (filename: string, ...messages: string[]): PolicyResultSet => ({
  filename,
  namespace: 'main.images',
  failures: messages.map((msg) => ({ msg })),
});

describe('refuseNewPolicyFailures', () => {
  it('refuses (1) a failure the promotion adds in the target, naming file and message', () => {
    const before = [failing('gitops/prod-aws/core/deployment-api.yaml')];
    const after = [failing('gitops/prod-aws/core/deployment-api.yaml', 'api runs release candidate 1.4.0-rc.1')];
    let error: unknown;
    try {
      refuseNewPolicyFailures(plan, before, after);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PromotionError);
    expect([(error as PromotionError).exitCode, (error as PromotionError).message]).toStrictEqual([
      1,
      'refused: promoting api:1.4.0-rc.1 to prod adds 1 policy failure(s):\n' +
        '  gitops/prod-aws/core/deployment-api.yaml: api runs release candidate 1.4.0-rc.1',
    ]);
  });

  it("accepts the target's existing failures and failures in other environments", () => {
    const debt = failing('gitops/prod-aws/core/deployment-ui.yaml', 'ui has no limits');
    const elsewhere = failing('gitops/staging-aws/core/deployment-api.yaml', 'api runs release candidate');
    expect(() => refuseNewPolicyFailures(plan, [debt], [debt, elsewhere])).not.toThrow();
  });
});

describe('gatePromotion', () => {
  it('fails closed (3) in a checkout without a policy gate, and runs none of its package scripts', async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'gate-promotion-'));
    try {
      writeFileSync(
        join(checkout, 'package.json'),
        JSON.stringify({ scripts: { policy: 'echo [] && touch ran-policy-script' } }),
      );
      const error = await gatePromotion(checkout, 'HEAD (before)').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PromotionError);
      expect([(error as PromotionError).exitCode, (error as PromotionError).message]).toStrictEqual([
        3,
        'HEAD (before): the checkout has no policy gate, so the target cannot be checked; fix: add the policy gate first',
      ]);
      expect(existsSync(join(checkout, 'ran-policy-script'))).toBe(false);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });
});
