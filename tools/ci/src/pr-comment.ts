// `npm run ci:pr-comment -- --repo <o/r> --pr <n> --report-outcome <outcome> --comment-file <f> --run-url <u>`:
// replaces the pull request's sticky report comment (sticky-comment.ts decides its body) or creates it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CiError, CI_EXIT, type CiExitCode } from './ci-error';
import type { CliIo } from '@go-coffee/cli';
import type { GitHubCli } from './github-cli';
import { mergeShardReports } from './pr-shard-job';
import { STICKY_MARKER, stickyCommentBody } from './sticky-comment';

export interface PrCommentOptions {
  readonly repo: string;
  readonly pr: string;
  readonly reportOutcome: string;
  readonly commentFile: string;
  readonly runUrl: string;
  readonly headSha: string;
  /** Folder of the shard jobs' reports (downloaded artifacts) and the shards the matrix ran. @default none */
  readonly shardDir?: string;
  readonly shards?: readonly string[];
}

/** The report step's comment file, or undefined when the step failed before writing it. */
function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function runPrComment(options: PrCommentOptions, io: CliIo, gh: GitHubCli): CiExitCode {
  if (!/^\d+$/.test(options.pr))
    throw new CiError(`ci pr-comment: --pr must be a number, got "${options.pr}"`, CI_EXIT.usage);
  const body = stickyCommentBody({
    reportOutcome: options.reportOutcome,
    comment: readIfPresent(resolve(io.cwd, options.commentFile)),
    headSha: options.headSha,
    runUrl: options.runUrl,
    ...(options.shardDir ? { shards: mergeShardReports(resolve(io.cwd, options.shardDir), options.shards ?? []) } : {}),
  });
  const ids = gh([
    'api',
    '--paginate',
    `repos/${options.repo}/issues/${options.pr}/comments`,
    '--jq',
    `.[] | select(.user.login == "github-actions[bot]" and (.body | startswith("${STICKY_MARKER}"))) | .id`,
  ])
    .split('\n')
    .filter(Boolean);
  const dir = mkdtempSync(join(tmpdir(), 'pr-comment-'));
  try {
    const file = join(dir, 'body.md');
    writeFileSync(file, body);
    if (ids[0]) gh(['api', '-X', 'PATCH', `repos/${options.repo}/issues/comments/${ids[0]}`, '-F', `body=@${file}`]);
    else gh(['api', '-X', 'POST', `repos/${options.repo}/issues/${options.pr}/comments`, '-F', `body=@${file}`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const failed = !body.startsWith(`${STICKY_MARKER}\n## Pull request report failed`) ? '' : ' (report failed notice)';
  io.stdout(`ci:pr-comment: ${ids[0] ? `updated comment ${ids[0]}` : 'created the comment'}${failed}\n`);
  return CI_EXIT.pass;
}
