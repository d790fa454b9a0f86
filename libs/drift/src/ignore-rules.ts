// Expected differences (e.g. HPA-owned spec.replicas) come from the one file that also renders into the
// Argo CD Applications' `ignoreDifferences` (libs/render-kit/src/ignore-rules.yaml), so the drift report
// and Argo CD hide the same things. Each hidden difference names the rule that hid it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import type { FieldDifference } from './compare-objects';
import type { ObjectRef } from './object-identity';

export interface IgnoreRule {
  /** The rule's `id`, or a label derived from it, e.g. `rules[0] apps/Deployment /spec/replicas`. */
  readonly id: string;
  readonly reason: string;
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly jsonPointers: readonly string[];
  readonly managedFieldsManagers: readonly string[];
}

export class IgnoreRulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IgnoreRulesError';
  }
}

const SHARED_RULES = join('libs', 'render-kit', 'src', 'ignore-rules.yaml');

/**
 * libs/render-kit/src/ignore-rules.yaml of the workspace this code runs from (found by walking up from
 * this module, which also works from a bundle cached under node_modules), or from `cwd` as a fallback.
 */
export function defaultIgnoreRulesPath(cwd: string = process.cwd()): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), cwd]) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (existsSync(join(dir, SHARED_RULES))) return join(dir, SHARED_RULES);
      if (dirname(dir) === dir) break;
    }
  }
  return resolve(cwd, SHARED_RULES);
}

function stringList(value: unknown, where: string, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new IgnoreRulesError(`${where}: ${field} must be a list of non-empty strings`);
  }
  return value as string[];
}

function ruleLabel(r: Record<string, unknown>, index: number): string {
  const group = typeof r.group === 'string' && r.group ? `${r.group}/` : '';
  const what = [
    ...((r.jsonPointers as string[] | undefined) ?? []),
    ...((r.managedFieldsManagers as string[] | undefined) ?? []).map((m) => `manager=${m}`),
  ];
  const scope = [r.namespace, r.name].filter((v) => typeof v === 'string').join('/');
  return `rules[${index}] ${group}${String(r.kind)}${scope ? ` ${scope}` : ''} ${what.join(',')}`.trim();
}

/**
 * Validates the parsed file (render-kit's format: group, kind, jsonPointers, managedFieldsManagers; plus
 * optional id, reason, name, namespace); throws IgnoreRulesError naming the file, the rule and the fix.
 */
export function parseIgnoreRules(document: unknown, file: string): IgnoreRule[] {
  const rules = (document as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) throw new IgnoreRulesError(`${file}: expected a top-level "rules:" list`);
  const seen = new Set<string>();
  return rules.map((raw, i) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const where = `${file}: rules[${i}]`;
    if (r.id !== undefined && (typeof r.id !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(r.id))) {
      throw new IgnoreRulesError(`${where}: "id" must be a kebab-case name`);
    }
    if (typeof r.kind !== 'string' || r.kind === '') throw new IgnoreRulesError(`${where}: "kind" is required`);
    if (r.group !== undefined && typeof r.group !== 'string')
      throw new IgnoreRulesError(`${where}: "group" must be a string ('' for core)`);
    if ('jqPathExpressions' in r) {
      throw new IgnoreRulesError(`${where}: jqPathExpressions are not supported by gitops-sync; use jsonPointers`);
    }
    const jsonPointers = stringList(r.jsonPointers, where, 'jsonPointers');
    for (const p of jsonPointers) {
      if (!p.startsWith('/')) throw new IgnoreRulesError(`${where}: JSON pointer "${p}" must start with "/"`);
    }
    const managedFieldsManagers = stringList(r.managedFieldsManagers, where, 'managedFieldsManagers');
    if (jsonPointers.length === 0 && managedFieldsManagers.length === 0) {
      throw new IgnoreRulesError(
        `${where}: set jsonPointers or managedFieldsManagers (a rule must hide something specific)`,
      );
    }
    const id = typeof r.id === 'string' ? r.id : ruleLabel(r, i);
    if (seen.has(id)) throw new IgnoreRulesError(`${where}: duplicate rule "${id}"; remove one`);
    seen.add(id);
    return {
      id,
      reason: typeof r.reason === 'string' ? r.reason.trim() : '',
      group: (r.group as string | undefined) ?? '',
      kind: r.kind,
      ...(typeof r.name === 'string' ? { name: r.name } : {}),
      ...(typeof r.namespace === 'string' ? { namespace: r.namespace } : {}),
      jsonPointers,
      managedFieldsManagers,
    };
  });
}

export function loadIgnoreRules(file: string = defaultIgnoreRulesPath()): IgnoreRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new IgnoreRulesError(
      `${file}: cannot read ignore rules (${(err as NodeJS.ErrnoException).code ?? String(err)}); pass --ignore-rules <file>`,
    );
  }
  let doc: unknown;
  try {
    doc = load(text);
  } catch (err) {
    throw new IgnoreRulesError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  return parseIgnoreRules(doc, file);
}

function pointerCovers(rulePointer: string, pointer: string): boolean {
  return pointer === rulePointer || pointer.startsWith(`${rulePointer}/`);
}

/** The first rule hiding `diff` on the object `ref`, if any. */
export function matchIgnoreRule(
  rules: readonly IgnoreRule[],
  ref: ObjectRef,
  diff: FieldDifference,
): IgnoreRule | undefined {
  return rules.find((rule) => {
    if (rule.group !== ref.group || rule.kind !== ref.kind) return false;
    if (rule.name !== undefined && rule.name !== ref.name) return false;
    if (rule.namespace !== undefined && rule.namespace !== ref.namespace) return false;
    if (rule.jsonPointers.some((p) => pointerCovers(p, diff.pointer))) return true;
    return diff.writer !== undefined && rule.managedFieldsManagers.includes(diff.writer.manager);
  });
}
