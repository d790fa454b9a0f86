// Step 4 of a promotion: commit the changed image versions file and gitops tree on a new branch created
// in the promotion's worktree, so the caller's checkout and current branch stay as they were.
import { branchExists, changedPaths, git } from '@go-coffee/git-workspace';
import { imagesFile, type PromotionPlan } from './plan-promotion';
import { PromotionError } from './promotion-error';

export interface PromotionCommit {
  readonly branch: string;
  readonly commit: string;
  readonly changedFiles: readonly string[];
  readonly message: string;
}

/** The commit message: a one-line subject, the list of tags, and how the result was checked. */
export function promotionMessage(plan: PromotionPlan): string {
  const promoted = [...plan.promoted];
  const list = promoted.map(([service, [from, to]]) => `- ${service}: ${from} → ${to}`).join('\n');
  const subject =
    promoted.length === 1
      ? `promote(${plan.to}): ${promoted[0]![0]} ${promoted[0]![1][1]} from ${plan.from}`
      : `promote(${plan.to}): ${promoted.length} services from ${plan.from}`;
  return `${subject}\n\n${list}\n\nRendered with npm run render -- --env ${plan.to}; policy gate passed for ${plan.to}.\n`;
}

/** promote/<to>/<service>-<tag> for one named service, else promote/<to>/from-<from>-<base sha>. */
export function promotionBranch(plan: PromotionPlan, baseCommit: string): string {
  const promoted = [...plan.promoted];
  return promoted.length === 1 && plan.named
    ? `promote/${plan.to}/${promoted[0]![0]}-${promoted[0]![1][1]}`
    : `promote/${plan.to}/from-${plan.from}-${baseCommit.slice(0, 8)}`;
}

/**
 * Commits the promotion in `checkout` (a worktree of `repoRoot` at the base commit) on `branch`.
 * Refuses (exit 2) a branch that already exists; the branch is created only once the commit can be made.
 */
export function commitPromotion(
  repoRoot: string,
  checkout: string,
  plan: PromotionPlan,
  branch: string,
): PromotionCommit {
  if (branchExists(repoRoot, branch))
    throw new PromotionError(`branch ${branch} already exists; fix: delete it or pass --branch <name>`, 2);
  const paths = [imagesFile(plan.to), 'gitops'];
  const changedFiles = changedPaths(checkout, paths);
  const message = promotionMessage(plan);
  git(checkout, ['switch', '-q', '-c', branch]);
  try {
    git(checkout, ['add', '--', ...paths]);
    git(checkout, ['commit', '-q', '-m', message.trimEnd()]);
  } catch (error) {
    // No half-made branch: it exists only with its commit.
    git(checkout, ['switch', '-q', '--detach']);
    git(repoRoot, ['branch', '-q', '-D', branch]);
    throw new PromotionError(`committing the promotion failed: ${(error as Error).message}`, 3);
  }
  return { branch, commit: git(checkout, ['rev-parse', 'HEAD']).trim(), changedFiles, message };
}
