// A real `npm run render` of the checkout; the checkout's render script is a stub that records how it
// was called, standing in for the render (promote.test.ts runs the real one end to end).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePromotionCheckout } from '../test-fixtures/promotion-checkout';
import { applyPromotion } from './apply-promotion';
import { planPromotion } from './plan-promotion';
import { PromotionError } from './promotion-error';

let checkout: string;
const renderScript = (exitCode: number) =>
  `const { writeFileSync } = require('node:fs');\n` +
  `writeFileSync('render-args.json', JSON.stringify(process.argv.slice(2)));\n` +
  `if (${exitCode} !== 0) { console.error('render: environments/prod.yaml is invalid'); process.exit(${exitCode}); }\n`;

beforeEach(() => {
  checkout = writePromotionCheckout({
    staging: { api: '1.4.0', ui: '3.1.0' },
    prod: { api: '1.3.0', ui: '3.1.0' },
  });
  const file = join(checkout, 'environments/images/prod.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('api: 1.3.0', 'api: 1.3.0 # pinned after INC-42'));
  writeFileSync(join(checkout, 'package.json'), JSON.stringify({ scripts: { render: 'node render.cjs' } }));
});
afterEach(() => rmSync(checkout, { recursive: true, force: true }));

describe('applyPromotion', () => {
  it("writes the new tags with comments kept, then renders only the target with the checkout's render", async () => {
    writeFileSync(join(checkout, 'render.cjs'), renderScript(0));
    await applyPromotion(checkout, planPromotion(checkout, { from: 'staging', to: 'prod', baseRef: 'HEAD' }));
    expect(readFileSync(join(checkout, 'environments/images/prod.yaml'), 'utf8')).toBe(
      '# Image tag per service in prod.\napi: 1.4.0 # pinned after INC-42\nui: 3.1.0\n',
    );
    expect(JSON.parse(readFileSync(join(checkout, 'render-args.json'), 'utf8'))).toStrictEqual(['--env', 'prod']);
  });

  it("fails with exit 3 and the end of the render's output when the render fails", async () => {
    writeFileSync(join(checkout, 'render.cjs'), renderScript(2));
    const plan = planPromotion(checkout, { from: 'staging', to: 'prod', baseRef: 'HEAD' });
    const error = await applyPromotion(checkout, plan).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PromotionError);
    expect((error as PromotionError).exitCode).toBe(3);
    expect((error as PromotionError).message).toMatch(
      /^render of prod failed with exit 2:\n(.|\n)*render: environments\/prod\.yaml is invalid$/,
    );
  });
});
