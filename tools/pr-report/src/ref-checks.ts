// Runs a ref's own render (its `npm run render`) and its policy gate (the fixed operations of
// @go-coffee/policy-baseline, with that ref's own Nx and policy-check) inside its worktree, so a change to
// the render code or the policies is judged by the code of the same commit.
import { checkoutEnv, lastLines, packageScripts, runCommand } from '@go-coffee/git-workspace';
import { POLICY_CHECK_BIN, PolicyGateError, runPolicyGate, type PolicyResultSet } from '@go-coffee/policy-baseline';
import { PrReportError, type RefWorktree } from './ref-worktree';

export type RenderMode = 'rendered' | 'committed';

/**
 * Renders the ref's gitops/ tree with its own `npm run render`. A ref that has no render command yet
 * (older history) keeps its committed tree; the report says so.
 */
export async function renderRef(worktree: RefWorktree): Promise<RenderMode> {
  if (!packageScripts(worktree.path).render) return 'committed';
  const result = await runCommand('npm', ['run', '--silent', 'render'], worktree.path, checkoutEnv(worktree.path));
  if (result.status !== 0) {
    throw new PrReportError(
      `render of ${worktree.ref} (${worktree.commit.slice(0, 12)}) failed with exit ${result.status}:\n` +
        `${lastLines(`${result.stdout}\n${result.stderr}`)}\nfix: run npm run render on that commit and correct the error`,
      3,
    );
  }
  return 'rendered';
}

export interface RefPolicyResults {
  /** undefined when the ref has no policy gate yet. */
  readonly results?: PolicyResultSet[];
  readonly note?: string;
}

export async function checkRefPolicies(worktree: RefWorktree): Promise<RefPolicyResults> {
  try {
    const results = await runPolicyGate(worktree.path, `${worktree.ref} (${worktree.commit.slice(0, 12)})`);
    return results
      ? { results }
      : { note: `${worktree.ref} has no policy gate (${POLICY_CHECK_BIN}); its side of the policy delta is empty` };
  } catch (error) {
    if (error instanceof PolicyGateError) throw new PrReportError(error.message, 3);
    throw error;
  }
}
