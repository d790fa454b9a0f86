// `npm run pr-report -- --base <ref> --head <ref>`: the per-cluster change report of a pull request.
// Prerequisites: npm ci and npm run toolchain in this checkout (worktrees borrow node_modules and .tools).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCommandLine, UsageError, type CliIo } from '@go-coffee/cli';
import { generatePrReport } from './pr-report';
import { PrReportError } from './ref-worktree';
import { renderMarkdown } from './report-markdown';
import type { ReportModel } from './report-model';

export const USAGE = `Usage: pr-report --base <ref> [--head <ref>] [flags]

Renders both refs in temporary git worktrees with their own code, runs their policy gates, and writes
one Markdown report: per environment and cluster the objects added/changed/removed (unified diffs,
Secret values masked), the policy delta (new, fixed, still failing, excepted with owner and expiry)
and the Argo CD Applications that will sync or prune.

Flags:
      --base <ref>          the target branch side (required)
      --head <ref>          the change (default HEAD)
  -o, --output <file>       full report (default stdout)
      --comment <file>      the same report cut to --max-chars for a PR comment
      --max-chars <n>       limit for --comment (default 60000; GitHub allows 65536)
      --cluster-dir <dir>   also write one report per cluster: <dir>/<environment>--<cluster>.md
      --no-render           compare the committed gitops/ trees instead of rendering
      --no-policy           skip the policy delta
  -h, --help

Exit codes: 0 report written · 2 usage error or unknown ref · 3 a ref failed to render or check
`;

const USAGE_ERRORS = { tool: 'pr-report', exitCode: 2, hint: USAGE };

function singleCluster(model: ReportModel, index: number): ReportModel {
  const empty = { introduced: [], fixed: [], persisting: [], excepted: [] };
  return { ...model, clusters: [model.clusters[index]!], unchangedClusters: [], repository: empty };
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const commandLine = readCommandLine(
    argv,
    {
      options: {
        base: { type: 'string' },
        head: { type: 'string', default: 'HEAD' },
        output: { type: 'string', short: 'o' },
        comment: { type: 'string' },
        'max-chars': { type: 'string', default: '60000' },
        'cluster-dir': { type: 'string' },
        'no-render': { type: 'boolean', default: false },
        'no-policy': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      usage: USAGE,
      usageErrors: USAGE_ERRORS,
      check: ({ values }) => {
        if (!values.base) throw new UsageError('--base <ref> is required');
        const maxChars = Number(values['max-chars']);
        if (!Number.isInteger(maxChars) || maxChars < 1000)
          throw new UsageError('--max-chars must be an integer ≥ 1000');
      },
    },
    io,
  );
  if (commandLine.exitCode !== undefined) return commandLine.exitCode;
  const { values } = commandLine.parsed;
  let model: ReportModel;
  try {
    model = await generatePrReport({
      cwd: io.cwd,
      base: values.base!,
      head: values.head,
      render: !values['no-render'],
      policy: !values['no-policy'],
      progress: (line) => io.stderr(`pr-report: ${line}\n`),
    });
  } catch (error) {
    if (error instanceof PrReportError) {
      io.stderr(`pr-report: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
  const full = renderMarkdown(model);
  if (values.output) writeFileSync(values.output, full);
  else io.stdout(full);
  if (values.comment) writeFileSync(values.comment, renderMarkdown(model, { maxChars: Number(values['max-chars']) }));
  const clusterDir = values['cluster-dir'];
  if (clusterDir) {
    mkdirSync(clusterDir, { recursive: true });
    model.clusters.forEach((report, index) => {
      writeFileSync(
        join(clusterDir, `${report.environment}--${report.cluster}.md`),
        renderMarkdown(singleCluster(model, index)),
      );
    });
  }
  return 0;
}
