// Loads ignore-rules.yaml, the single list of fields Argo CD must not diff, into ignoreDifferences entries.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ArgoIgnoreDifference } from './argo-application';

const ruleSchema = z.strictObject({
  group: z.string(),
  kind: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a Kind such as Deployment'),
  jsonPointers: z.array(z.string().regex(/^(\/[^/]+)+$/, 'must be a JSON pointer such as /spec/replicas')).min(1),
  managedFieldsManagers: z.array(z.string().min(1)).optional(),
});
const rulesFileSchema = z.strictObject({ rules: z.array(ruleSchema) });

export const IGNORE_RULES_FILE = 'libs/render-kit/src/ignore-rules.yaml';

/** Parses ignore-rules YAML text; throws naming the file, the rule index and the fix. */
export function parseIgnoreRules(text: string, source: string = IGNORE_RULES_FILE): ArgoIgnoreDifference[] {
  const result = rulesFileSchema.safeParse(parse(text));
  if (!result.success) {
    const details = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(
      `${source}: invalid ignore rules (${details}); fix the rule or see the comment at the top of the file`,
    );
  }
  return result.data.rules.map((rule) => ({
    group: rule.group,
    kind: rule.kind,
    jsonPointers: rule.jsonPointers,
    ...(rule.managedFieldsManagers ? { managedFieldsManagers: rule.managedFieldsManagers } : {}),
  }));
}

let cached: ArgoIgnoreDifference[] | undefined;

/** The repository's ignore rules as Argo CD ignoreDifferences entries. */
export function ignoreDifferences(): ArgoIgnoreDifference[] {
  cached ??= parseIgnoreRules(readFileSync(new URL('./ignore-rules.yaml', import.meta.url), 'utf8'));
  return cached;
}
