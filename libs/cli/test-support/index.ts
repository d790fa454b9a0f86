// Test helpers for command-line tools (`@go-coffee/cli/test-support`): imported by tests only, never by
// a tool's src.
export { cachedBundleFolder } from './cached-bundle-folder';
export { createOneCommitRepository } from './one-commit-repository';
export { runCliCaptured } from './run-cli-captured';
export type { CapturedRun } from './run-cli-captured';
