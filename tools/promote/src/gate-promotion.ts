// Step 3 of a promotion, run before and after applying it: the checkout's policy gate, fail closed (no
// gate, no promotion), and the refusal of a promotion that adds policy failures in the target environment.
// Failures that were there before stay the target's debt, not this promotion's.
import {
  diffFindings,
  flattenFindings,
  PolicyGateError,
  runPolicyGate,
  type PolicyFinding,
  type PolicyResultSet,
} from '@go-coffee/policy-baseline';
import type { PromotionPlan } from './plan-promotion';
import { PromotionError } from './promotion-error';

/** The policy results of the checkout; a missing or broken gate is exit 3. */
export async function gatePromotion(checkout: string, label: string): Promise<PolicyResultSet[]> {
  try {
    const results = await runPolicyGate(checkout, label);
    if (!results)
      throw new PromotionError(
        `${label}: the checkout has no policy gate, so the target cannot be checked; fix: add the policy gate first`,
        3,
      );
    return results;
  } catch (error) {
    if (error instanceof PolicyGateError) throw new PromotionError(error.message, 3);
    throw error;
  }
}

const failuresIn = (results: readonly PolicyResultSet[], environment: string): PolicyFinding[] =>
  flattenFindings(results).filter((f) => f.kind === 'failure' && f.file.startsWith(`gitops/${environment}-`));

/** Refuses (exit 1) when `after` has failures in the target environment that `before` did not have. */
export function refuseNewPolicyFailures(
  plan: PromotionPlan,
  before: readonly PolicyResultSet[],
  after: readonly PolicyResultSet[],
): void {
  const introduced = diffFindings(failuresIn(before, plan.to), failuresIn(after, plan.to)).introduced;
  if (introduced.length === 0) return;
  const lines = introduced.slice(0, 20).map((finding) => `  ${finding.file}: ${finding.msg}`);
  throw new PromotionError(
    `refused: promoting ${[...plan.updates].map(([s, t]) => `${s}:${t}`).join(', ')} to ${plan.to} adds ${introduced.length} policy failure(s):\n${lines.join('\n')}`,
    1,
  );
}
