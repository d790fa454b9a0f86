// The ignore-rules file (libs/ignore-rules/ignore-rules.yaml): its schema, its parser and where to find it.
// The render engine and the drift tool both read it through this module, so they cannot disagree about
// what a rule means.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/** Which objects of the rule's group and kind a rule hides differences on. */
export const APPLIES_TO = ['all', 'autoscaled-workloads'] as const;
export type AppliesTo = (typeof APPLIES_TO)[number];

export interface IgnoreRule {
  /** Kebab-case, unique in the file; reports name the rule by it. */
  readonly id: string;
  /** Why the difference is expected. */
  readonly reason: string;
  /** API group; '' for the core group. */
  readonly group: string;
  readonly kind: string;
  readonly appliesTo: AppliesTo;
  /** Differences at or below these JSON pointers are ignored. */
  readonly jsonPointers: readonly string[];
  /** Differences last written by these field managers are ignored. */
  readonly managedFieldsManagers: readonly string[];
}

/**
 * A key nobody may add outside git: a label or annotation another manager adds is informational by default
 * (not drift); one these pointers cover is drift.
 */
export interface MustNotExistRule {
  readonly id: string;
  readonly reason: string;
  readonly group: string;
  readonly kind: string;
  /** Keys (and everything below them) that must not exist live unless git declares them. */
  readonly jsonPointers: readonly string[];
}

/** Everything the rules file holds. */
export interface IgnoreRulesFile {
  readonly rules: readonly IgnoreRule[];
  readonly mustNotExist: readonly MustNotExistRule[];
}

export class IgnoreRulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IgnoreRulesError';
  }
}

/** Workspace-relative path of the one rules file. */
export const IGNORE_RULES_FILE = 'libs/ignore-rules/ignore-rules.yaml';

const KEBAB = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const POINTER = /^(\/[^/]+)+$/;

const ruleSchema = z
  .strictObject({
    id: z.string().regex(KEBAB, 'must be a kebab-case name such as hpa-owned-deployment-replicas'),
    reason: z.string().trim().min(1, 'say why this difference is expected'),
    group: z.string({ error: "must be a string ('' for the core API group)" }),
    kind: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a Kind such as Deployment'),
    appliesTo: z.enum(APPLIES_TO, { error: `must be one of: ${APPLIES_TO.join(', ')}` }),
    jsonPointers: z.array(z.string().regex(POINTER, 'must be a JSON pointer such as /spec/replicas')).optional(),
    managedFieldsManagers: z.array(z.string().min(1, 'must not be empty')).optional(),
  })
  .refine((rule) => (rule.jsonPointers?.length ?? 0) + (rule.managedFieldsManagers?.length ?? 0) > 0, {
    message: 'set jsonPointers or managedFieldsManagers (a rule must hide something specific)',
  });
const mustNotExistSchema = z.strictObject({
  id: z.string().regex(KEBAB, 'must be a kebab-case name such as namespace-pod-security-set-outside-git'),
  reason: z.string().trim().min(1, 'say why the key must not be added outside git'),
  group: z.string({ error: "must be a string ('' for the core API group)" }),
  kind: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a Kind such as Namespace'),
  jsonPointers: z
    .array(z.string().regex(POINTER, 'must be a JSON pointer such as /metadata/labels/team'))
    .min(1, 'list at least one key'),
});
const fileSchema = z.strictObject({ rules: z.array(ruleSchema), mustNotExist: z.array(mustNotExistSchema).optional() });

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path
    .map((step, i) => (i === 0 ? String(step) : typeof step === 'number' ? `[${step}]` : `.${String(step)}`))
    .join('')
    .replace(/^rules\.?/, 'rules');
  if (issue.code === 'unrecognized_keys') {
    const hint = issue.keys.includes('jqPathExpressions')
      ? ' (jqPathExpressions are not supported: the drift tool could not apply them; use jsonPointers)'
      : issue.keys.some((key) => key === 'name' || key === 'namespace')
        ? ' (rules are scoped by appliesTo; the render engine writes name and namespace into each entry)'
        : '';
    return `${where || 'top level'}: unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}${hint}`;
  }
  return `${where || 'top level'}: ${issue.message}`;
}

/** Validates ignore-rules YAML text; throws IgnoreRulesError naming the file, the rule and the fix. */
export function parseIgnoreRules(text: string, source: string = IGNORE_RULES_FILE): IgnoreRule[] {
  return [...parseIgnoreRulesFile(text, source).rules];
}

/** Like parseIgnoreRules, with the mustNotExist list too. */
export function parseIgnoreRulesFile(text: string, source: string = IGNORE_RULES_FILE): IgnoreRulesFile {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new IgnoreRulesError(`${source}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = fileSchema.safeParse(document);
  if (!result.success) {
    const details = result.error.issues.map(describeIssue).join('; ');
    throw new IgnoreRulesError(
      `${source}: invalid ignore rules: ${details}; fix the rule (the format is described at the top of ${IGNORE_RULES_FILE})`,
    );
  }
  const seen = new Set<string>();
  const mustNotExist = (result.data.mustNotExist ?? []).map((rule, index) => {
    if (seen.has(rule.id)) {
      throw new IgnoreRulesError(
        `${source}: mustNotExist[${index}]: duplicate id "${rule.id}"; give each rule its own id`,
      );
    }
    seen.add(rule.id);
    return { id: rule.id, reason: rule.reason, group: rule.group, kind: rule.kind, jsonPointers: rule.jsonPointers };
  });
  const rules = result.data.rules.map((rule, index) => {
    if (seen.has(rule.id)) {
      throw new IgnoreRulesError(`${source}: rules[${index}]: duplicate id "${rule.id}"; give each rule its own id`);
    }
    seen.add(rule.id);
    return {
      id: rule.id,
      reason: rule.reason,
      group: rule.group,
      kind: rule.kind,
      appliesTo: rule.appliesTo,
      jsonPointers: rule.jsonPointers ?? [],
      managedFieldsManagers: rule.managedFieldsManagers ?? [],
    };
  });
  return { rules, mustNotExist };
}

/**
 * The rules file of the workspace this code runs from, found by walking up from this module (which also
 * works from a bundle cached under node_modules) and then from `cwd`.
 */
export function defaultIgnoreRulesPath(cwd: string = process.cwd()): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), cwd]) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (existsSync(join(dir, IGNORE_RULES_FILE))) return join(dir, IGNORE_RULES_FILE);
      if (dirname(dir) === dir) break;
    }
  }
  return resolve(cwd, IGNORE_RULES_FILE);
}

/** Reads and validates a rules file (default: the workspace's). */
export function loadIgnoreRules(file: string = defaultIgnoreRulesPath()): IgnoreRule[] {
  return [...loadIgnoreRulesFile(file).rules];
}

/** Like loadIgnoreRules, with the mustNotExist list too. */
export function loadIgnoreRulesFile(file: string = defaultIgnoreRulesPath()): IgnoreRulesFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new IgnoreRulesError(
      `${file}: cannot read ignore rules (${(error as NodeJS.ErrnoException).code ?? String(error)}); restore ${IGNORE_RULES_FILE} or pass another file`,
    );
  }
  return parseIgnoreRulesFile(text, file);
}
