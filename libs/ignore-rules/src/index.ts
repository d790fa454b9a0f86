// Public entry point of @go-coffee/ignore-rules: the one file of expected differences, its rule model, and
// the expansion of its rules against a cluster's rendered objects, shared by the render engine (Argo CD
// ignoreDifferences) and the drift tool.
export {
  APPLIES_TO,
  IGNORE_RULES_FILE,
  IgnoreRulesError,
  defaultIgnoreRulesPath,
  loadIgnoreRules,
  loadIgnoreRulesFile,
  parseIgnoreRules,
  parseIgnoreRulesFile,
} from './ignore-rules-file';
export type { AppliesTo, IgnoreRule, IgnoreRulesFile, MustNotExistRule } from './ignore-rules-file';
export { mustNotExistRuleFor } from './must-not-exist';
export { autoscaledWorkloads } from './autoscaled-workloads';
export type { RenderedObject } from './autoscaled-workloads';
export { IgnoreEntryIndex, argoIgnoreDifferences, expandIgnoreRules } from './expand-ignore-rules';
export type { ArgoIgnoreDifference, IgnorableDifference, IgnoreEntry } from './expand-ignore-rules';
