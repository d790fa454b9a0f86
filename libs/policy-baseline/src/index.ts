export { BaselineError, git, materializeBaseline, repositoryRoot, resolveCommit } from './baseline-tree';
export type { BaselineTree } from './baseline-tree';
export { compareFindings, diffFindings, flattenFindings } from './policy-findings';
export type {
  FileMapper,
  FindingDelta,
  FindingKind,
  PolicyFinding,
  PolicyResultSet,
  PolicyVerdict,
} from './policy-findings';
export { ratchetAgainstBaseline } from './policy-ratchet';
export type { RatchetOptions, RatchetOutcome } from './policy-ratchet';
export {
  checkoutEnv,
  lastLines,
  packageScripts,
  PolicyGateError,
  runCommand,
  runPolicyGate,
} from './policy-gate-command';
export type { CommandEcho, CommandResult } from './policy-gate-command';
