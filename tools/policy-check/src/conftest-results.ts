// conftest's verdict semantics, applied to the value of one policy package: which rules count
// (deny|violation[_suffix] fail, warn[_suffix] warn), how `exception` rules waive them, what a
// passing rule adds to `successes`, and the result shapes of its JSON output.

export interface ResultLocation {
  readonly file: string;
  readonly line: number;
}

export interface PolicyResult {
  readonly msg: string;
  /** conftest's metadata: the query plus every extra key of an object result. Absent for exceptions. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Where the object is (not part of conftest's JSON; used by sarif and github). */
  readonly location: ResultLocation;
}

export interface CheckResult {
  readonly filename: string;
  readonly namespace: string;
  successes: number;
  readonly warnings: PolicyResult[];
  readonly failures: PolicyResult[];
  readonly exceptions: PolicyResult[];
}

const FAILURE_RULE = /^(deny|violation)(_[a-zA-Z0-9]+)*$/;
const WARNING_RULE = /^warn(_[a-zA-Z0-9]+)*$/;

export function isVerdictRule(name: string): boolean {
  return FAILURE_RULE.test(name) || WARNING_RULE.test(name);
}

/** The name an `exception` rule uses for a verdict rule: conftest strips the prefixes in this order. */
export function exceptionName(rule: string): string {
  return rule
    .replace(/^violation_/, '')
    .replace(/^deny_/, '')
    .replace(/^warn_/, '');
}

/** How many `data.<ns>.exception[_][_] == name` bindings hold, as conftest counts them. */
function exceptionMatches(exceptionValue: unknown, name: string): number {
  if (!Array.isArray(exceptionValue)) return 0;
  let matches = 0;
  for (const entry of exceptionValue) {
    const items = Array.isArray(entry)
      ? entry
      : typeof entry === 'object' && entry !== null
        ? Object.values(entry)
        : [];
    for (const item of items) if (item === name) matches++;
  }
  return matches;
}

export class PolicyEvaluationError extends Error {}

export function emptyCheckResult(filename: string, namespace: string): CheckResult {
  return { filename, namespace, successes: 0, warnings: [], failures: [], exceptions: [] };
}

/**
 * Adds one document's verdicts for one namespace to `into`. `packageValue` is the evaluated package
 * (rule name → value); undefined rules are absent, as an undefined conftest query yields no result.
 * `definitions` is the number of verdict rule statements in the namespace: conftest reports at least
 * that many minus this document's failures, warnings and exceptions as successes, so a rule written as
 * several incremental bodies counts once per body when it passes.
 */
export function addVerdicts(
  into: CheckResult,
  namespace: string,
  packageValue: unknown,
  location: ResultLocation,
  definitions: number,
): void {
  const before = {
    successes: into.successes,
    reported: into.failures.length + into.warnings.length + into.exceptions.length,
  };
  collectVerdicts(into, namespace, packageValue, location);
  const reported = into.failures.length + into.warnings.length + into.exceptions.length - before.reported;
  const counted = into.successes - before.successes;
  into.successes = before.successes + Math.max(counted, definitions - reported);
}

interface RuleKind {
  readonly verdict: boolean;
  readonly failure: boolean;
  readonly exceptionName: string;
}

// Rule names repeat for every document: classify each once.
const ruleKinds = new Map<string, RuleKind>();

function ruleKind(rule: string): RuleKind {
  let kind = ruleKinds.get(rule);
  if (!kind) {
    kind = { verdict: isVerdictRule(rule), failure: FAILURE_RULE.test(rule), exceptionName: exceptionName(rule) };
    ruleKinds.set(rule, kind);
  }
  return kind;
}

function collectVerdicts(into: CheckResult, namespace: string, packageValue: unknown, location: ResultLocation): void {
  if (typeof packageValue !== 'object' || packageValue === null || Array.isArray(packageValue)) return;
  const rules = packageValue as Record<string, unknown>;
  for (const rule of Object.keys(rules).sort()) {
    const kind = ruleKind(rule);
    if (!kind.verdict) continue;
    const name = kind.exceptionName;
    const waived = exceptionMatches(rules.exception, name);
    if (waived > 0) {
      const msg = `data.${namespace}.exception[_][_] == ${JSON.stringify(name)}`;
      for (let index = 0; index < waived; index++) into.exceptions.push({ msg, location });
      continue;
    }
    const query = `data.${namespace}.${rule}`;
    const value = rules[rule];
    if (!Array.isArray(value) || value.length === 0) {
      into.successes++;
      continue;
    }
    const target = kind.failure ? into.failures : into.warnings;
    for (const item of value) {
      let result: PolicyResult | undefined;
      if (typeof item === 'string') {
        result = { msg: item, metadata: { query }, location };
      } else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        const { msg, ...extra } = item as Record<string, unknown>;
        if (!('msg' in item)) throw new PolicyEvaluationError(`${query}: rule result has no msg field`);
        if (typeof msg !== 'string') throw new PolicyEvaluationError(`${query}: rule result's msg is not a string`);
        result = { msg, metadata: { ...extra, query }, location };
      }
      if (!result) continue;
      if (result.msg === '') into.successes++;
      else target.push(result);
    }
  }
}

/** Deterministic order: by file then namespace; inside, by location line, query, then message. */
export function sortCheckResults(results: CheckResult[]): CheckResult[] {
  const byResult = (a: PolicyResult, b: PolicyResult): number =>
    a.location.file.localeCompare(b.location.file) ||
    a.location.line - b.location.line ||
    String(a.metadata?.query ?? '').localeCompare(String(b.metadata?.query ?? '')) ||
    a.msg.localeCompare(b.msg);
  for (const result of results) {
    result.warnings.sort(byResult);
    result.failures.sort(byResult);
    result.exceptions.sort(byResult);
  }
  return results.sort((a, b) => a.filename.localeCompare(b.filename) || a.namespace.localeCompare(b.namespace));
}

export interface Totals {
  readonly tests: number;
  readonly passed: number;
  readonly warnings: number;
  readonly failures: number;
  readonly exceptions: number;
}

export function totals(results: readonly CheckResult[]): Totals {
  let passed = 0;
  let warnings = 0;
  let failures = 0;
  let exceptions = 0;
  for (const result of results) {
    passed += result.successes;
    warnings += result.warnings.length;
    failures += result.failures.length;
    exceptions += result.exceptions.length;
  }
  return { tests: passed + warnings + failures + exceptions, passed, warnings, failures, exceptions };
}

/** conftest's exit code: 1 on failures; with --fail-on-warn, 2 on failures and 1 on warnings. */
export function conftestExitCode(summary: Totals, failOnWarn: boolean): number {
  if (failOnWarn) return summary.failures > 0 ? 2 : summary.warnings > 0 ? 1 : 0;
  return summary.failures > 0 ? 1 : 0;
}
