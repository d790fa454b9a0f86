// Renders a drift report as text (terminals), JSON (machines; sorted keys) or Markdown (PR comments).
// Output is deterministic: sorted findings, no timestamps, trailing newline. Secret values were masked
// before they got here.
import type { FieldDifference } from './compare-objects';
import type { ClusterDriftReport, NotSearchedKind } from './detect-cluster-drift';
import type { DriftDifference, IgnoredDifference, ObjectDrift } from './detect-object-drift';
import { describeWriter } from './field-ownership';
import { describeRef } from '@go-coffee/kube-objects';

export type OutputFormat = 'text' | 'json' | 'markdown';

export interface ReportHeader {
  /** What was compared, e.g. `gitops/dev-aws-us-east-1 vs context go-coffee-local-admin`. */
  readonly title: string;
  /**
   * Where a rendered object comes from, for people who fix TypeScript and environments/, not gitops/: given its
   * file (relative to the compared folder) and what differs, e.g. `environments/images/prod.yaml:3 (images.api-gateway; …)`.
   * @default not shown
   */
  readonly originOf?: (source: string, detail: string) => string | undefined;
}

function scalar(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function describeDifference(d: FieldDifference): string {
  const who = d.writer ? describeWriter(d.writer) : 'an unknown manager';
  switch (d.change) {
    case 'changed':
      return `${who} changed ${d.path}: ${scalar(d.desired)} -> ${scalar(d.live)}`;
    case 'added':
      return `${who} added ${d.path}: ${scalar(d.live)}`;
    case 'removed':
      return `${who} removed ${d.path} (git: ${scalar(d.desired)})`;
  }
}

function describeIgnored(d: IgnoredDifference): string {
  return `${describeDifference(d)} [ignored by rule ${d.rule}]`;
}

function describeDrift(d: DriftDifference): string {
  return d.mustNotExist
    ? `${describeDifference(d)} [must not exist outside git: rule ${d.mustNotExist}]`
    : describeDifference(d);
}

function describeInformational(d: FieldDifference): string {
  return `${describeDifference(d)} [informational: not in git, not drift]`;
}

function describeNotSearched(k: NotSearchedKind): string {
  return `${k.group ? `${k.group}/` : ''}${k.kind} (${k.resource}) in ${k.scope}: ${k.reason}`;
}

function informationalCount(report: ClusterDriftReport): number {
  return [...report.modified, ...report.informationalOnly].reduce((n, o) => n + o.informational.length, 0);
}

export function summaryLine(report: ClusterDriftReport): string {
  const ignored = [...report.modified, ...report.ignoredOnly, ...report.informationalOnly].reduce(
    (n, o) => n + o.ignored.length,
    0,
  );
  return `objects=${report.objects} in-sync=${report.inSync + report.ignoredOnly.length + report.informationalOnly.length} modified=${report.modified.length} missing=${report.missing.length} orphans=${report.orphans.length} ignored=${ignored} informational=${informationalCount(report)} not-searched=${report.notSearched.length}`;
}

export function hasDrift(report: ClusterDriftReport): boolean {
  return report.modified.length > 0 || report.missing.length > 0 || report.orphans.length > 0;
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeysDeep((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function objectJson(o: ObjectDrift, origin: string | undefined) {
  const diff = (d: FieldDifference) => ({
    ...d,
    ...(d.writer ? { writer: describeWriter(d.writer), operation: d.writer.operation } : {}),
  });
  return {
    ...o.ref,
    source: o.source,
    ...(origin ? { origin } : {}),
    differences: o.differences.map(diff),
    ignored: o.ignored.map(diff),
    informational: o.informational.map(diff),
    unifiedDiff: o.unifiedDiff,
  };
}

export function formatDriftReport(report: ClusterDriftReport, header: ReportHeader, format: OutputFormat): string {
  const originOf = (o: Pick<ObjectDrift, 'source'> & { differences?: readonly FieldDifference[] }) =>
    o.source ? header.originOf?.(o.source, (o.differences ?? []).map(describeDifference).join('\n')) : undefined;
  const jsonOf = (o: ObjectDrift) => objectJson(o, originOf(o));
  const from = (o: Pick<ObjectDrift, 'source'> & { differences?: readonly FieldDifference[] }) => {
    const origin = originOf(o);
    return origin ? ` from ${origin}` : '';
  };
  if (format === 'json') {
    const json = {
      title: header.title,
      inSync: !hasDrift(report),
      summary: {
        objects: report.objects,
        inSync: report.inSync + report.ignoredOnly.length + report.informationalOnly.length,
        modified: report.modified.length,
        missing: report.missing.length,
        orphans: report.orphans.length,
        informational: informationalCount(report),
        notSearched: report.notSearched.length,
        requests: report.requests,
      },
      modified: report.modified.map(jsonOf),
      ignored: report.ignoredOnly.map(jsonOf),
      informational: report.informationalOnly.map(jsonOf),
      notSearched: report.notSearched,
      missing: report.missing.map((m) => {
        const origin = originOf(m);
        return { ...m.ref, source: m.source, ...(origin ? { origin } : {}), ...(m.reason ? { reason: m.reason } : {}) };
      }),
      orphans: report.orphans.map((o) => ({ ...o.ref, application: o.application })),
    };
    return `${JSON.stringify(sortKeysDeep(json), null, 2)}\n`;
  }
  const lines: string[] = [];
  if (format === 'markdown') {
    lines.push(`## Drift: ${header.title}`, '');
    lines.push(hasDrift(report) ? '**Drift found.**' : '**In sync.**', '', `\`${summaryLine(report)}\``, '');
    if (report.modified.length + report.missing.length + report.orphans.length > 0) {
      lines.push('| Status | Object | Detail |', '| --- | --- | --- |');
      for (const o of report.modified) {
        for (const d of o.differences)
          lines.push(
            `| modified | \`${describeRef(o.ref)}\`${escapeCell(from(o))} | ${escapeCell(describeDrift(d))} |`,
          );
      }
      for (const m of report.missing)
        lines.push(
          `| missing | \`${describeRef(m.ref)}\`${escapeCell(from(m))} | ${escapeCell(m.reason ?? `in git (${m.source}), not live`)} |`,
        );
      for (const o of report.orphans)
        lines.push(
          `| orphan | \`${describeRef(o.ref)}\` | tracked by Application ${escapeCell(o.application)}, not in git |`,
        );
      lines.push('');
    }
    const informational = [...report.modified, ...report.informationalOnly].flatMap((o) =>
      o.informational.map((d) => ({ o, d })),
    );
    if (informational.length > 0) {
      lines.push('<details><summary>Informational (added outside git, not drift)</summary>', '');
      for (const { o, d } of informational)
        lines.push(`- \`${describeRef(o.ref)}\`: ${escapeCell(describeDifference(d))}`);
      lines.push('', '</details>', '');
    }
    if (report.notSearched.length > 0) {
      lines.push('**Orphans not searched** (the identity may not list these kinds):', '');
      for (const k of report.notSearched) lines.push(`- ${escapeCell(describeNotSearched(k))}`);
      lines.push('');
    }
    const ignored = [...report.modified, ...report.ignoredOnly, ...report.informationalOnly].flatMap((o) =>
      o.ignored.map((d) => ({ o, d })),
    );
    if (ignored.length > 0) {
      lines.push('<details><summary>Ignored differences</summary>', '');
      for (const { o, d } of ignored) lines.push(`- \`${describeRef(o.ref)}\`: ${escapeCell(describeIgnored(d))}`);
      lines.push('', '</details>', '');
    }
    for (const o of report.modified) {
      lines.push(
        `<details><summary>${describeRef(o.ref)}</summary>`,
        '',
        '```diff',
        o.unifiedDiff.trimEnd(),
        '```',
        '',
        '</details>',
        '',
      );
    }
    return `${lines.join('\n').trimEnd()}\n`;
  }
  lines.push(`drift: ${header.title}`);
  for (const o of report.modified) {
    lines.push(`MODIFIED ${describeRef(o.ref)}${o.source ? ` (${o.source})` : ''}${from(o)}`);
    for (const d of o.differences) lines.push(`  ${describeDrift(d)}`);
    for (const d of o.ignored) lines.push(`  ${describeIgnored(d)}`);
    for (const d of o.informational) lines.push(`  ${describeInformational(d)}`);
    for (const line of o.unifiedDiff.trimEnd().split('\n')) lines.push(`    ${line}`);
  }
  for (const o of report.ignoredOnly) {
    lines.push(`IGNORED ${describeRef(o.ref)}${o.source ? ` (${o.source})` : ''}`);
    for (const d of o.ignored) lines.push(`  ${describeIgnored(d)}`);
  }
  for (const o of report.informationalOnly) {
    lines.push(`INFO ${describeRef(o.ref)}${o.source ? ` (${o.source})` : ''}`);
    for (const d of o.informational) lines.push(`  ${describeInformational(d)}`);
    for (const d of o.ignored) lines.push(`  ${describeIgnored(d)}`);
  }
  for (const m of report.missing)
    lines.push(`MISSING ${describeRef(m.ref)} (${m.source})${from(m)}${m.reason ? `: ${m.reason}` : ''}`);
  for (const o of report.orphans)
    lines.push(`ORPHAN ${describeRef(o.ref)} (tracked by Application ${o.application}, not in git)`);
  for (const k of report.notSearched) lines.push(`NOT SEARCHED for orphans: ${describeNotSearched(k)}`);
  lines.push(`${hasDrift(report) ? 'drift found' : 'in sync'}: ${summaryLine(report)}`);
  return `${lines.join('\n')}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
