// Promotion by pull request: copies the image tags one environment runs into another environment's
// image versions file, re-renders that environment, and commits the result on a new branch ready to
// push. Everything happens in a temporary git worktree of the base commit, so the caller's checkout,
// index and current branch are never touched. The steps, each testable alone:
//   plan (plan-promotion.ts) → gate before → apply (apply-promotion.ts) → gate after and refuse new
//   failures (gate-promotion.ts) → commit on a new branch (commit-promotion.ts)
import { addLinkedWorktree, GitError, repositoryRoot, resolveCommit, UnknownRefError } from '@go-coffee/git-workspace';
import { applyPromotion } from './apply-promotion';
import { commitPromotion, promotionBranch } from './commit-promotion';
import { gatePromotion, refuseNewPolicyFailures } from './gate-promotion';
import { planPromotion } from './plan-promotion';
import { PromotionError } from './promotion-error';

export { PromotionError } from './promotion-error';

export interface PromoteOptions {
  readonly cwd: string;
  readonly from: string;
  readonly to: string;
  /** Services to promote; undefined = every service whose tag differs (`--all`). */
  readonly services?: readonly string[];
  /** Expected tag (single service only): refused unless the source runs exactly this tag. */
  readonly tag?: string;
  /** Commit to branch from. @default HEAD */
  readonly base?: string;
  /** @default promote/<to>/<service>-<tag> or promote/<to>/from-<from>-<base sha> */
  readonly branch?: string;
  readonly progress?: (line: string) => void;
}

export interface PromotionResult {
  readonly branch: string;
  readonly commit: string;
  /** service → [old tag, new tag] */
  readonly promoted: ReadonlyMap<string, readonly [string, string]>;
  readonly changedFiles: readonly string[];
  readonly message: string;
}

/** The repository and base commit; an unknown --base or a cwd outside git is a usage error. */
function locateBase(cwd: string, baseRef: string): { repoRoot: string; baseCommit: string } {
  try {
    const repoRoot = repositoryRoot(cwd);
    return { repoRoot, baseCommit: resolveCommit(repoRoot, baseRef) };
  } catch (error) {
    if (error instanceof UnknownRefError)
      throw new PromotionError(`unknown git ref "${baseRef}"; fix: pass --base with an existing branch or SHA`, 2);
    if (error instanceof GitError) throw new PromotionError(error.message, 2);
    throw error;
  }
}

export async function promote(options: PromoteOptions): Promise<PromotionResult> {
  const progress = options.progress ?? (() => undefined);
  const baseRef = options.base ?? 'HEAD';
  const { repoRoot, baseCommit } = locateBase(options.cwd, baseRef);
  const worktree = addLinkedWorktree(repoRoot, baseCommit, { prefix: 'promote-' });
  try {
    const plan = planPromotion(worktree.path, { ...options, baseRef });
    progress(`policy check of ${plan.to} before the promotion`);
    const before = await gatePromotion(worktree.path, `${baseRef} (before)`);
    progress(`rendering ${plan.to}`);
    await applyPromotion(worktree.path, plan);
    progress(`policy check of ${plan.to} after the promotion`);
    refuseNewPolicyFailures(plan, before, await gatePromotion(worktree.path, 'the promotion'));
    const branch = options.branch ?? promotionBranch(plan, baseCommit);
    const committed = commitPromotion(repoRoot, worktree.path, plan, branch);
    return { ...committed, promoted: plan.promoted };
  } finally {
    worktree.dispose();
  }
}
