// Step 2 of a promotion: write the new tags into the target's image versions file (comments kept) and
// re-render the target environment with the checkout's own `npm run render -- --env <to>`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkoutEnv, lastLines, runCommand } from '@go-coffee/git-workspace';
import { setImageTags } from './image-versions-file';
import { imagesFile, type PromotionPlan } from './plan-promotion';
import { PromotionError } from './promotion-error';

export async function applyPromotion(checkout: string, plan: PromotionPlan): Promise<void> {
  const file = join(checkout, imagesFile(plan.to));
  writeFileSync(file, setImageTags(readFileSync(file, 'utf8'), imagesFile(plan.to), plan.updates));
  const render = await runCommand(
    'npm',
    ['run', '--silent', 'render', '--', '--env', plan.to],
    checkout,
    checkoutEnv(checkout),
  );
  if (render.status !== 0) {
    throw new PromotionError(
      `render of ${plan.to} failed with exit ${render.status}:\n${lastLines(`${render.stdout}\n${render.stderr}`)}`,
      3,
    );
  }
}
