import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { writePromotionCheckout } from '../test-fixtures/promotion-checkout';
import { planPromotion } from './plan-promotion';
import { PromotionError } from './promotion-error';

let checkout: string;
afterEach(() => rmSync(checkout, { recursive: true, force: true }));

const refusal = (run: () => unknown): PromotionError => {
  try {
    run();
  } catch (error) {
    if (error instanceof PromotionError) return error;
    throw error;
  }
  throw new Error('expected the plan to be refused');
};
const request = { from: 'staging', to: 'prod', baseRef: 'HEAD' };

describe('planPromotion', () => {
  it('plans every service whose tag differs for --all, leaving the ones already promoted out', () => {
    checkout = writePromotionCheckout({
      staging: { api: '1.4.0', kitchen: '2.0.0', ui: '3.1.0' },
      prod: { api: '1.3.0', kitchen: '2.0.0', ui: '3.0.0' },
    });
    const plan = planPromotion(checkout, request);
    expect(plan.named).toBe(false);
    expect([...plan.updates]).toStrictEqual([
      ['api', '1.4.0'],
      ['ui', '3.1.0'],
    ]);
    expect([...plan.promoted]).toStrictEqual([
      ['api', ['1.3.0', '1.4.0']],
      ['ui', ['3.0.0', '3.1.0']],
    ]);
  });

  it('plans one named service', () => {
    checkout = writePromotionCheckout({ staging: { api: '1.4.0', ui: '3.1.0' }, prod: { api: '1.3.0', ui: '3.0.0' } });
    const plan = planPromotion(checkout, { ...request, services: ['api'], tag: '1.4.0' });
    expect([plan.named, [...plan.updates]]).toStrictEqual([true, [['api', '1.4.0']]]);
  });

  it('refuses (1) a tag the source does not pin and an image the source pins but does not run', () => {
    checkout = writePromotionCheckout({
      staging: { api: '1.4.0' },
      prod: { api: '1.3.0' },
      stagingRuns: { api: '1.3.9' },
    });
    const wrongTag = refusal(() => planPromotion(checkout, { ...request, services: ['api'], tag: '9.9.9' }));
    expect([wrongTag.exitCode, wrongTag.message]).toStrictEqual([
      1,
      'staging does not run api:9.9.9 (environments/images/staging.yaml pins 1.4.0); promote what staging runs',
    ]);
    const notRunning = refusal(() => planPromotion(checkout, request));
    expect(notRunning.exitCode).toBe(1);
    expect(notRunning.message).toBe(
      'staging does not run api:1.4.0: no container image ending in /api:1.4.0 under gitops/staging-*/ at HEAD; ' +
        'fix: render and merge staging first (npm run render), then promote',
    );
  });

  it('refuses (1) when the target already runs everything', () => {
    checkout = writePromotionCheckout({ staging: { api: '1.4.0' }, prod: { api: '1.4.0' } });
    const error = refusal(() => planPromotion(checkout, request));
    expect([error.exitCode, error.message]).toStrictEqual([
      1,
      'nothing to promote: prod already runs what staging runs for api',
    ]);
  });

  it('rejects (2) an unknown service, an unknown environment, the same environment twice and --tag with --all', () => {
    checkout = writePromotionCheckout({ staging: { api: '1.4.0' }, prod: { api: '1.3.0' } });
    const cases = [
      () => planPromotion(checkout, { ...request, services: ['nope'] }),
      () => planPromotion(checkout, { ...request, to: 'qa' }),
      () => planPromotion(checkout, { ...request, to: 'staging' }),
      () => planPromotion(checkout, { ...request, tag: '1.4.0' }),
    ].map(refusal);
    expect(cases.map((error) => [error.exitCode, error.message])).toStrictEqual([
      [2, 'unknown service "nope" in environments/images/staging.yaml; use one of: api'],
      [2, 'unknown environment "qa": environments/images/qa.yaml does not exist; use one of: prod, staging'],
      [2, '--from and --to are both "staging"; promote between two environments'],
      [2, '--tag needs exactly one --service'],
    ]);
  });
});
