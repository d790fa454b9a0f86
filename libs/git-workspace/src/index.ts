// Public entry point of @go-coffee/git-workspace: the git plumbing the delivery tools share (refs,
// worktrees with the installed tools linked, running a program in a checkout).
export { checkoutEnv, packageScripts } from './checkout-env';
export { archiveAt, branchExists, changedPaths, git, repositoryRoot, resolveCommit } from './git-command';
export { GitError, UnknownRefError } from './git-error';
export { addLinkedWorktree, INSTALLED_TOOLS, linkInstalledTools } from './linked-worktree';
export type { LinkedWorktree, LinkedWorktreeOptions } from './linked-worktree';
export { lastLines, runCommand } from './run-command';
export type { CommandEcho, CommandResult } from './run-command';
