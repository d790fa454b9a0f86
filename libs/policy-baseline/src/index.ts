export { BaselineError, baselineGit, materializeBaseline } from './baseline-tree';
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
export { POLICY_CHECK_BIN, POLICY_GATE_OPERATIONS, PolicyGateError, runPolicyGate } from './policy-gate-command';
export type { PolicyGateOperation } from './policy-gate-command';
