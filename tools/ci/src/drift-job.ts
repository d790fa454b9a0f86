// `npm run ci:drift -- --cluster <name> --context <ctx> --repo <owner/repo> --run-url <url>`: one
// matrix entry of drift.yml. Runs `gitops-sync drift` for the cluster's folder against the context the
// credential step created, writes the report to the job summary, then applies the issue plan
// (drift-issues.ts). Exit 0 in sync or drift (drift lives in its issue), 1 the check gave no verdict.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastLines } from '@go-coffee/git-workspace';
import { CI_EXIT, type CiExitCode } from './ci-error';
import type { CliIo } from '@go-coffee/cli';
import { runStep } from './ci-step';
import {
  CHECK_FAILING_LABEL,
  DRIFT_LABEL,
  checkFailingIssueTitle,
  driftIssueTitle,
  planDriftIssues,
  type IssueAction,
} from './drift-issues';
import type { GitHubCli } from './github-cli';

export interface DriftJobOptions {
  readonly cluster: string;
  readonly context: string;
  readonly repo: string;
  readonly runUrl: string;
}

const LABEL_COLORS: Record<string, { color: string; description: string }> = {
  [DRIFT_LABEL]: { color: 'B60205', description: 'Live cluster differs from git' },
  [CHECK_FAILING_LABEL]: { color: '5319E7', description: 'The drift check of a cluster gives no verdict' },
};

function openIssue(gh: GitHubCli, repo: string, label: string, title: string): number | undefined {
  const listed = JSON.parse(
    gh([
      'issue',
      'list',
      '--repo',
      repo,
      '--state',
      'open',
      '--label',
      label,
      '--limit',
      '500',
      '--json',
      'number,title',
    ]),
  ) as { number: number; title: string }[];
  return listed.find((issue) => issue.title === title)?.number;
}

function apply(gh: GitHubCli, repo: string, action: IssueAction): void {
  const dir = mkdtempSync(join(tmpdir(), 'drift-issue-'));
  try {
    const file = join(dir, 'body.md');
    switch (action.kind) {
      case 'create': {
        const label = LABEL_COLORS[action.label]!;
        gh([
          'label',
          'create',
          action.label,
          '--repo',
          repo,
          '--force',
          '--color',
          label.color,
          '--description',
          label.description,
        ]);
        writeFileSync(file, action.body);
        gh(['issue', 'create', '--repo', repo, '--title', action.title, '--label', action.label, '--body-file', file]);
        break;
      }
      case 'edit':
        writeFileSync(file, action.body);
        gh(['issue', 'edit', String(action.number), '--repo', repo, '--body-file', file]);
        break;
      case 'close':
        gh(['issue', 'close', String(action.number), '--repo', repo, '--comment', action.comment]);
        break;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runDriftJob(options: DriftJobOptions, io: CliIo, gh: GitHubCli): Promise<CiExitCode> {
  const drift = await runStep(
    io,
    `gitops-sync drift gitops/${options.cluster} (context ${options.context})`,
    'npm',
    [
      'run',
      '--silent',
      'gitops-sync',
      '--',
      'drift',
      '--path',
      `gitops/${options.cluster}`,
      '--context',
      options.context,
      '--output',
      'markdown',
    ],
    { echoStdout: false },
  );
  const status = drift.status ?? -1;
  const report = status === 0 || status === 1 ? drift.stdout : lastLines(drift.stderr, 40);
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, `${report.slice(0, 1_000_000)}\n`);
  io.stdout(`${report.slice(0, 20_000)}\n`);

  const open = {
    drift: openIssue(gh, options.repo, DRIFT_LABEL, driftIssueTitle(options.cluster)),
    checkFailing: openIssue(gh, options.repo, CHECK_FAILING_LABEL, checkFailingIssueTitle(options.cluster)),
  };
  const actions = planDriftIssues({ cluster: options.cluster, status, report, runUrl: options.runUrl, open });
  for (const action of actions) {
    apply(gh, options.repo, action);
    io.stdout(`ci:drift: ${action.kind} ${'number' in action ? `#${action.number}` : `"${action.title}"`}\n`);
  }
  if (status !== 0 && status !== 1) {
    io.stderr(`ci:drift: the drift check of ${options.cluster} gave no verdict (gitops-sync exit ${status})\n`);
    return CI_EXIT.failed;
  }
  return CI_EXIT.pass;
}
