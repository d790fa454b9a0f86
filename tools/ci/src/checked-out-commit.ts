// The commit a gate judges must be the one checked out, unmodified: a gate that reads a different or
// dirty working tree would pass or fail something that is not the pull request.
import { changedPaths, git, resolveCommit } from '@go-coffee/git-workspace';
import { CiError, CI_EXIT } from './ci-error';

export interface GateRefs {
  readonly root: string;
  readonly base: string;
  readonly head: string;
}

/** Resolves --base/--head to commits and checks that HEAD is --head with a clean working tree. */
export function checkedOutRefs(root: string, base: string, head: string): GateRefs {
  const commits = { base: '', head: '' };
  try {
    commits.base = resolveCommit(root, base);
    commits.head = resolveCommit(root, head);
  } catch (error) {
    throw new CiError((error as Error).message, CI_EXIT.usage);
  }
  const checkedOut = resolveCommit(root, 'HEAD');
  if (checkedOut !== commits.head) {
    throw new CiError(
      `the checkout is at ${checkedOut.slice(0, 12)} but --head is ${head} (${commits.head.slice(0, 12)}); ` +
        'fix: check out the head commit (actions/checkout with ref: the pull request head sha)',
      CI_EXIT.usage,
    );
  }
  const dirty = git(root, ['status', '--porcelain', '--untracked-files=all']).trimEnd();
  if (dirty !== '') {
    throw new CiError(
      `the working tree differs from ${commits.head.slice(0, 12)}, so the gate would not judge the commit:\n${dirty}\n` +
        'fix: commit or stash the changes (CI runs on a fresh checkout)',
      CI_EXIT.usage,
    );
  }
  return { root, ...commits };
}

/** Files under `path` that differ from HEAD (modified, added, deleted, untracked), sorted. */
export function changedFiles(root: string, path: string): string[] {
  return changedPaths(root, [path]);
}
