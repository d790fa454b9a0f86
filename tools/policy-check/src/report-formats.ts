// Renders a policy-check report in conftest's output formats. `json`, `stdout` (without colour), `tap`,
// `junit` and `github` follow conftest's layout; `github` and `sarif` add the line of the object in its
// YAML file, which conftest does not know. Output is deterministic and ends with a newline.
// With the render's source map, each finding also names the line to edit (@go-coffee/source-map): `sarif` and
// `github` put it first (the rendered file becomes a related location), `json` and `stdout` add a `source`.
import { locateFinding } from '@go-coffee/source-map';
import type { FindingLocation, ObjectSource } from '@go-coffee/source-map';
import type { RuleAnnotation } from './build-policy-bundle';
import type { CheckResult, PolicyResult, Totals } from './conftest-results';

export const OUTPUT_FORMATS = ['stdout', 'json', 'tap', 'junit', 'github', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The source map entry of a rendered file as the report names it; undefined when unknown. */
export type SourceLookup = (renderedFile: string) => ObjectSource | undefined;

const noSources: SourceLookup = () => undefined;

function locate(sources: SourceLookup, filename: string, item: PolicyResult): FindingLocation {
  return locateFinding(sources(filename), item.msg, item.location);
}

/** The `source` field of json and stdout: the line to edit and what it is; absent without a source map entry. */
function sourceField(sources: SourceLookup, filename: string, item: PolicyResult) {
  const found = locate(sources, filename, item);
  if (found.primaryRole === 'rendered object') return undefined;
  return { location: `${found.primary.file}:${found.primary.line}`, what: found.primaryRole };
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

export function summaryLine(summary: Totals): string {
  return (
    `${plural(summary.tests, 'test')}, ${summary.passed} passed, ${plural(summary.warnings, 'warning')}, ` +
    `${plural(summary.failures, 'failure')}, ${plural(summary.exceptions, 'exception')}`
  );
}

/** conftest's JSON: results without the location policy-check adds; with `sources`, a `source` per finding. */
export function toConftestJson(results: readonly CheckResult[], sources: SourceLookup = noSources): unknown[] {
  return results.map((result) => {
    const strip = (items: readonly PolicyResult[]) =>
      items.map((item) => {
        const source = sourceField(sources, result.filename, item);
        return {
          msg: item.msg,
          ...(item.metadata ? { metadata: item.metadata } : {}),
          ...(source ? { source } : {}),
        };
      });
    return {
      filename: result.filename,
      namespace: result.namespace,
      successes: result.successes,
      ...(result.warnings.length > 0 ? { warnings: strip(result.warnings) } : {}),
      ...(result.failures.length > 0 ? { failures: strip(result.failures) } : {}),
      ...(result.exceptions.length > 0 ? { exceptions: strip(result.exceptions) } : {}),
    };
  });
}

function stdout(results: readonly CheckResult[], summary: Totals, sources: SourceLookup): string {
  const lines: string[] = [];
  for (const result of results) {
    const prefix = (item: PolicyResult) => {
      const source = sourceField(sources, result.filename, item);
      return `${result.filename} - ${result.namespace} - ${item.msg}${source ? ` (source: ${source.location})` : ''}`;
    };
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

function github(results: readonly CheckResult[], summary: Totals, sources: SourceLookup): string {
  const lines: string[] = [];
  for (const result of results) {
    const checks = result.successes + result.failures.length + result.warnings.length + result.exceptions.length;
    if (checks === 0) continue;
    lines.push(`::group::Testing "${result.filename}" against ${checks} policies in namespace "${result.namespace}"`);
    // The annotation sits on the line to edit; the rendered object is named in the text.
    const at = (item: PolicyResult) => {
      const { primary } = locate(sources, result.filename, item);
      return `file=${primary.file},line=${primary.line}`;
    };
    const text = (item: PolicyResult) => {
      const { primary } = locate(sources, result.filename, item);
      const rendered = `${item.location.file}:${item.location.line}`;
      return annotation(primary.file === item.location.file ? item.msg : `${item.msg} (rendered: ${rendered})`);
    };
    for (const item of result.failures) lines.push(`::error ${at(item)}::${text(item)}`);
    for (const item of result.warnings) lines.push(`::warning ${at(item)}::${text(item)}`);
    for (const item of result.exceptions) lines.push(`::notice ${at(item)}::${text(item)}`);
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
  sources: SourceLookup,
): string {
  const rules = new Map<string, { id: string; level: 'error' | 'warning' | 'note' }>();
  const sarifResults: unknown[] = [];
  const physical = (file: string, line: number) => ({
    artifactLocation: { uri: file },
    region: { startLine: line },
  });
  const add = (filename: string, item: PolicyResult, level: 'error' | 'warning' | 'note', fallbackId: string) => {
    const id = String(item.metadata?.query ?? fallbackId).replace(/^data\./, '');
    if (!rules.has(id)) rules.set(id, { id, level });
    // Code scanning annotates the primary location: the TypeScript or environments/ line to edit.
    const { primary, related } = locate(sources, filename, item);
    sarifResults.push({
      ruleId: id,
      level,
      message: { text: item.msg },
      locations: [{ physicalLocation: physical(primary.file, primary.line) }],
      ...(related.length > 0
        ? {
            relatedLocations: related.map((location, index) => ({
              id: index + 1,
              physicalLocation: physical(location.file, location.line),
              message: { text: location.role },
            })),
          }
        : {}),
    });
  };
  for (const result of results) {
    for (const item of result.failures) add(result.filename, item, 'error', `${result.namespace}.deny`);
    for (const item of result.warnings) add(result.filename, item, 'warning', `${result.namespace}.warn`);
    for (const item of result.exceptions) add(result.filename, item, 'note', `${result.namespace}.exception`);
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
  sources: SourceLookup = noSources,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toConftestJson(results, sources), null, '\t')}\n`;
    case 'stdout':
      return stdout(results, summary, sources);
    case 'tap':
      return tap(results, summary);
    case 'junit':
      return junit(results);
    case 'github':
      return github(results, summary, sources);
    case 'sarif':
      return sarif(results, summary, exitCode, annotations, sources);
  }
}
