// Renders a policy-check report in conftest's output formats. `json`, `stdout` (without colour), `tap`,
// `junit` and `github` follow conftest's layout; `github` and `sarif` add the line of the object in its
// YAML file, which conftest does not know. Output is deterministic and ends with a newline.
import type { RuleAnnotation } from './build-policy-bundle';
import type { CheckResult, PolicyResult, Totals } from './conftest-results';

export const OUTPUT_FORMATS = ['stdout', 'json', 'tap', 'junit', 'github', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

export function summaryLine(summary: Totals): string {
  return (
    `${plural(summary.tests, 'test')}, ${summary.passed} passed, ${plural(summary.warnings, 'warning')}, ` +
    `${plural(summary.failures, 'failure')}, ${plural(summary.exceptions, 'exception')}`
  );
}

/** conftest's JSON: results without the location policy-check adds. */
export function toConftestJson(results: readonly CheckResult[]): unknown[] {
  const strip = (items: readonly PolicyResult[]) =>
    items.map(({ msg, metadata }) => (metadata ? { msg, metadata } : { msg }));
  return results.map((result) => ({
    filename: result.filename,
    namespace: result.namespace,
    successes: result.successes,
    ...(result.warnings.length > 0 ? { warnings: strip(result.warnings) } : {}),
    ...(result.failures.length > 0 ? { failures: strip(result.failures) } : {}),
    ...(result.exceptions.length > 0 ? { exceptions: strip(result.exceptions) } : {}),
  }));
}

function stdout(results: readonly CheckResult[], summary: Totals): string {
  const lines: string[] = [];
  for (const result of results) {
    const prefix = (item: PolicyResult) => `${result.filename} - ${result.namespace} - ${item.msg}`;
    for (const item of result.warnings) lines.push(`WARN - ${prefix(item)}`);
    for (const item of result.failures) lines.push(`FAIL - ${prefix(item)}`);
    for (const item of result.exceptions) lines.push(`EXCP - ${prefix(item)}`);
  }
  return `${lines.map((line) => `${line}\n`).join('')}\n${summaryLine(summary)}\n`;
}

function tap(results: readonly CheckResult[], summary: Totals): string {
  const lines = [`1..${summary.tests}`];
  let index = 0;
  for (const result of results) {
    const line = (ok: boolean, msg: string) =>
      `${ok ? 'ok' : 'not ok'} ${++index} - ${result.filename} - ${result.namespace} - ${msg}`;
    for (const item of result.failures) lines.push(line(false, item.msg));
    if (result.warnings.length > 0) lines.push('# warnings');
    for (const item of result.warnings) lines.push(line(false, item.msg));
    if (result.exceptions.length > 0) lines.push('# exceptions');
    for (const item of result.exceptions) lines.push(line(true, item.msg));
    if (result.successes > 0) lines.push('# successes');
    for (let count = 0; count < result.successes; count++) lines.push(line(true, 'SUCCESS'));
  }
  return `${lines.join('\n')}\n`;
}

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function junit(results: readonly CheckResult[]): string {
  const byNamespace = new Map<string, CheckResult[]>();
  for (const result of results)
    byNamespace.set(result.namespace, [...(byNamespace.get(result.namespace) ?? []), result]);
  const suites: string[] = [];
  for (const [namespace, group] of [...byNamespace].sort(([a], [b]) => a.localeCompare(b))) {
    const cases: string[] = [];
    let failed = 0;
    for (const result of group) {
      for (const item of [...result.warnings, ...result.failures]) {
        failed++;
        cases.push(
          `\t\t<testcase classname="policy-check.${xml(namespace)}" name="${xml(`${result.filename} - ${item.msg}`)}" time="0.000">\n` +
            `\t\t\t<failure message="Failed" type="">${xml(item.msg)}</failure>\n\t\t</testcase>`,
        );
      }
      for (let count = 0; count < result.successes; count++) {
        cases.push(
          `\t\t<testcase classname="policy-check.${xml(namespace)}" name="${xml(result.filename)}" time="0.000"></testcase>`,
        );
      }
    }
    suites.push(
      `\t<testsuite tests="${cases.length}" failures="${failed}" time="0.000" name="policy-check.${xml(namespace)}">\n${cases.join('\n')}\n\t</testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}

const annotation = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

function github(results: readonly CheckResult[], summary: Totals): string {
  const lines: string[] = [];
  for (const result of results) {
    const checks = result.successes + result.failures.length + result.warnings.length + result.exceptions.length;
    if (checks === 0) continue;
    lines.push(`::group::Testing "${result.filename}" against ${checks} policies in namespace "${result.namespace}"`);
    const at = (item: PolicyResult) => `file=${item.location.file},line=${item.location.line}`;
    for (const item of result.failures) lines.push(`::error ${at(item)}::${annotation(item.msg)}`);
    for (const item of result.warnings) lines.push(`::warning ${at(item)}::${annotation(item.msg)}`);
    for (const item of result.exceptions) lines.push(`::notice ${at(item)}::${annotation(item.msg)}`);
    lines.push(`::notice file=${result.filename},line=1::Number of successful checks: ${result.successes}`);
    lines.push('::endgroup::');
  }
  lines.push(summaryLine(summary));
  return `${lines.join('\n')}\n`;
}

function sarif(
  results: readonly CheckResult[],
  summary: Totals,
  exitCode: number,
  annotations: ReadonlyMap<string, RuleAnnotation>,
): string {
  const rules = new Map<string, { id: string; level: 'error' | 'warning' | 'note' }>();
  const sarifResults: unknown[] = [];
  const add = (item: PolicyResult, level: 'error' | 'warning' | 'note', fallbackId: string) => {
    const id = String(item.metadata?.query ?? fallbackId).replace(/^data\./, '');
    if (!rules.has(id)) rules.set(id, { id, level });
    sarifResults.push({
      ruleId: id,
      level,
      message: { text: item.msg },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: item.location.file },
            region: { startLine: item.location.line },
          },
        },
      ],
    });
  };
  for (const result of results) {
    for (const item of result.failures) add(item, 'error', `${result.namespace}.deny`);
    for (const item of result.warnings) add(item, 'warning', `${result.namespace}.warn`);
    for (const item of result.exceptions) add(item, 'note', `${result.namespace}.exception`);
  }
  const ruleList = [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(ruleList.map((rule, index) => [rule.id, index]));
  const log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'policy-check',
            informationUri: 'https://github.com/go-coffee/go-coffee-gitops/tree/main/tools/policy-check',
            // A rule's METADATA title and custom fields (e.g. the Pod Security level and control).
            rules: ruleList.map((rule) => {
              const annotation = annotations.get(rule.id);
              return {
                id: rule.id,
                ...(annotation?.title !== undefined ? { shortDescription: { text: annotation.title } } : {}),
                defaultConfiguration: { level: rule.level },
                ...(annotation?.custom !== undefined ? { properties: annotation.custom } : {}),
              };
            }),
          },
        },
        invocations: [{ executionSuccessful: true, exitCode, exitCodeDescription: summaryLine(summary) }],
        results: sarifResults.map((result) => ({
          ...(result as Record<string, unknown>),
          ruleIndex: ruleIndex.get((result as { ruleId: string }).ruleId),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export function formatReport(
  format: OutputFormat,
  results: readonly CheckResult[],
  summary: Totals,
  exitCode: number,
  annotations: ReadonlyMap<string, RuleAnnotation> = new Map(),
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toConftestJson(results), null, '\t')}\n`;
    case 'stdout':
      return stdout(results, summary);
    case 'tap':
      return tap(results, summary);
    case 'junit':
      return junit(results);
    case 'github':
      return github(results, summary);
    case 'sarif':
      return sarif(results, summary, exitCode, annotations);
  }
}
