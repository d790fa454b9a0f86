// Markdown for a sticky PR comment and the job summary. GitHub caps a comment at 65,536 characters, so
// `maxChars` drops diffs (largest first), then the still-failing lists, and says what it left out;
// the full report goes to the job summary and the artifact.
import type { PolicyFinding } from '@go-coffee/policy-baseline';
import type { ObjectChange } from './manifest-delta';
import type { ClusterReport, PolicyDelta, ReportModel } from './report-model';

/** First line of every report: the workflow finds and updates its own comment by it. */
export const REPORT_MARKER = '<!-- go-coffee:pr-report -->';

export interface MarkdownOptions {
  /** Upper bound on the output length. @default unlimited */
  readonly maxChars?: number;
}

interface Budget {
  readonly omitDiffs: ReadonlySet<string>;
  readonly omitPersisting: boolean;
  /** Last resort before cutting the text: the change pictures go too. */
  readonly omitPictures?: boolean;
}

const short = (commit: string) => commit.slice(0, 7);
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function fenced(language: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${body.endsWith('\n') ? body : `${body}\n`}${fence}`;
}

/** ` · edit \`environments/…:3\` (…)`: where the reviewer changes the object; empty when unknown. */
function originText(origins: Readonly<Record<string, string>>, key: string): string {
  const origin = origins[key];
  if (origin === undefined) return '';
  const [where = '', ...what] = origin.split(' ');
  return ` · edit ${code(where)} ${cell(what.join(' '))}`;
}

function changeLines(
  changes: readonly ObjectChange[],
  budget: Budget,
  origins: Readonly<Record<string, string>> = {},
): string[] {
  const lines: string[] = [];
  for (const change of changes) {
    lines.push(`- **${change.status}** ${code(change.label)} — ${change.area}${originText(origins, change.path)}`);
    if (budget.omitDiffs.has(change.path)) {
      lines.push('  <sub>diff left out to fit the comment; see the job summary</sub>');
      continue;
    }
    lines.push(
      '',
      `  <details><summary>diff ${code(change.path)}</summary>`,
      '',
      fenced('diff', change.diff),
      '',
      '  </details>',
      '',
    );
  }
  return lines;
}

function findingLine(finding: PolicyFinding, mark: string, origins: Readonly<Record<string, string>>): string {
  const rule = finding.rule.replace(/^data\./, '') || finding.namespace;
  return `- ${mark} ${code(rule)} ${cell(finding.msg)} <sub>${code(finding.file)}${originText(origins, finding.key)}</sub>`;
}

function policyLines(policy: PolicyDelta, budget: Budget, origins: Readonly<Record<string, string>> = {}): string[] {
  const counts =
    `${policy.introduced.length} new · ${policy.fixed.length} fixed · ${policy.persisting.length} still failing · ` +
    `${policy.excepted.length} excepted`;
  const lines = [`**Policy** — ${counts}`, ''];
  for (const finding of policy.introduced)
    lines.push(findingLine(finding, finding.kind === 'warning' ? '🟡 new warning' : '🔴 new', origins));
  for (const finding of policy.fixed) lines.push(findingLine(finding, '✅ fixed', origins));
  if (policy.persisting.length > 0) {
    if (budget.omitPersisting)
      lines.push(`- ${policy.persisting.length} still failing (list left out to fit the comment)`);
    else {
      lines.push('', `<details><summary>${policy.persisting.length} still failing (also on the base)</summary>`, '');
      for (const finding of policy.persisting)
        lines.push(findingLine(finding, finding.kind === 'warning' ? 'warning' : 'failing', origins));
      lines.push('', '</details>');
    }
  }
  if (policy.excepted.length > 0) {
    lines.push('', '| Excepted | Rule | File | Owner | Expires | Reason |', '|---|---|---|---|---|---|');
    for (const entry of policy.excepted) {
      lines.push(
        `| ${entry.isNew ? 'new' : 'existing'} | ${code(entry.rule)} | ${code(entry.finding.file)} | ${cell(entry.owner)} | ${entry.expires} | ${cell(entry.reason)} |`,
      );
    }
  }
  return lines;
}

function pictureLines(report: ClusterReport, budget: Budget): string[] {
  const picture = report.picture;
  if (!picture) return [];
  const heading =
    `**Picture** — ${picture.changed} changed · ${picture.added} added · ${picture.removed} removed ` +
    '<sub>(yellow changed, green added, red dashed removed, grey unchanged context)</sub>';
  if (budget.omitPictures)
    return [heading, '', '<sub>picture left out to fit the comment; see the job summary</sub>', ''];
  return [heading, '', fenced('mermaid', picture.mermaid), ''];
}

function clusterSection(report: ClusterReport, budget: Budget): string[] {
  const count = (status: ObjectChange['status']) => report.changes.filter((change) => change.status === status).length;
  const lines = [`#### ${report.cluster}`, ''];
  lines.push(`**Objects** — ${count('added')} added · ${count('changed')} changed · ${count('removed')} removed`, '');
  lines.push(...changeLines(report.changes, budget, report.origins), '');
  lines.push(...pictureLines(report, budget));
  lines.push(...policyLines(report.policy, budget, report.origins), '');
  if (report.applications.length > 0) {
    lines.push(
      '**Argo CD**',
      '',
      '| Application | Sync policy | Added | Changed | Removed | What happens on merge |',
      '|---|---|---|---|---|---|',
    );
    for (const app of report.applications) {
      const mode = app.mode === 'automated' ? `automated${app.prune ? ' + prune' : ''}` : 'manual';
      lines.push(
        `| ${code(app.name)} | ${mode} | ${app.added} | ${app.changed} | ${app.removed} | ${cell(app.outcome)} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

function render(model: ReportModel, budget: Budget): string {
  const side = (label: string, info: ReportModel['base']) =>
    `${label} ${code(info.ref)} (${short(info.commit)}, ${info.tree === 'rendered' ? 'rendered by its own code' : 'committed tree, no render command'})`;
  const lines = [
    REPORT_MARKER,
    '## GitOps change report',
    '',
    `${side('Base', model.base)} → ${side('head', model.head)}`,
    '',
  ];
  for (const note of [model.base.policyNote, model.head.policyNote]) if (note) lines.push(`> ${note}`, '');
  if (model.clusters.length === 0 && model.repository.introduced.length + model.repository.fixed.length === 0) {
    lines.push('No rendered object changes and no policy findings in any cluster.', '');
  } else {
    lines.push(
      '| Environment | Cluster | Added | Changed | Removed | New violations | Fixed | Excepted | Applications to sync |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const report of model.clusters) {
      const count = (status: ObjectChange['status']) =>
        report.changes.filter((change) => change.status === status).length;
      const apps =
        report.applications.map((app) => `${app.name}${app.mode === 'manual' ? ' (manual)' : ''}`).join(', ') || '—';
      lines.push(
        `| ${report.environment} | ${report.cluster} | ${count('added')} | ${count('changed')} | ${count('removed')} | ` +
          `${report.policy.introduced.length} | ${report.policy.fixed.length} | ${report.policy.excepted.length} | ${apps} |`,
      );
    }
    lines.push('');
  }
  if (model.unchangedClusters.length > 0) lines.push(`Unchanged: ${model.unchangedClusters.map(code).join(', ')}`, '');
  let environment = '';
  for (const report of model.clusters) {
    if (report.environment !== environment) {
      environment = report.environment;
      lines.push(`### ${environment}`, '');
    }
    lines.push(...clusterSection(report, budget));
  }
  const repo = model.repository;
  if (repo.introduced.length + repo.fixed.length + repo.persisting.length + repo.excepted.length > 0) {
    lines.push('### Repository-wide policy findings', '', ...policyLines(repo, budget), '');
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

export function renderMarkdown(model: ReportModel, options: MarkdownOptions = {}): string {
  const full = render(model, { omitDiffs: new Set(), omitPersisting: false });
  const max = options.maxChars;
  if (max === undefined || full.length <= max) return full;
  const changes = model.clusters
    .flatMap((report) => report.changes)
    .sort((a, b) => b.diff.length - a.diff.length || a.path.localeCompare(b.path));
  const omitDiffs = new Set<string>();
  let text = full;
  let saved = 0;
  // Drop the largest diffs until the estimate fits, then confirm with a real render.
  for (const change of changes) {
    if (full.length - saved <= max) break;
    omitDiffs.add(change.path);
    saved += change.diff.length;
  }
  text = render(model, { omitDiffs, omitPersisting: false });
  if (text.length > max) text = render(model, { omitDiffs: new Set(changes.map((c) => c.path)), omitPersisting: true });
  if (text.length > max)
    text = render(model, { omitDiffs: new Set(changes.map((c) => c.path)), omitPersisting: true, omitPictures: true });
  if (text.length > max) {
    const note = '\n\n… report cut to fit; the full report is in the job summary.\n';
    text = `${text.slice(0, Math.max(0, max - note.length))}${note}`;
  }
  return text;
}
