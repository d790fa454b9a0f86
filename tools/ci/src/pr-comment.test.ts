// The sticky comment's GitHub calls; GitHub cannot run locally, so the GitHub CLI is a recorder.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubCli } from './github-cli';
import { runPrComment } from './pr-comment';
import { SHARD_REPORT_MARKER } from './pr-shard-job';
import { STICKY_MARKER } from './sticky-comment';

let scratch: string;
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function recorder(existing: string) {
  const calls: string[][] = [];
  const bodies: string[] = [];
  const gh: GitHubCli = (args) => {
    calls.push([...args]);
    const field = args.indexOf('-F');
    if (field >= 0) bodies.push(readFileSync(args[field + 1]!.replace(/^body=@/, ''), 'utf8'));
    return args.includes('--paginate') ? existing : '';
  };
  return { gh, calls, bodies };
}

const io = (cwd: string) => ({ cwd, env: {}, stdout: () => undefined, stderr: () => undefined });
const options = {
  repo: 'go-coffee/go-coffee-gitops',
  pr: '12',
  headSha: 'abcdef0123456789abcdef0123456789abcdef01',
  commentFile: 'pr-comment.md',
  runUrl: 'https://github.com/go-coffee/go-coffee-gitops/actions/runs/4',
};

describe('ci:pr-comment', () => {
  it('replaces the existing sticky comment with the report', () => {
    scratch = mkdtempSync(join(tmpdir(), 'pr-comment-'));
    writeFileSync(join(scratch, 'pr-comment.md'), `${STICKY_MARKER}\n# Report\n`);
    const github = recorder('991\n');
    runPrComment({ ...options, reportOutcome: 'success' }, io(scratch), github.gh);
    expect(github.calls[1]!.slice(0, 3)).toStrictEqual(['api', '-X', 'PATCH']);
    expect(github.calls[1]![3]).toBe('repos/go-coffee/go-coffee-gitops/issues/comments/991');
    expect(github.bodies).toStrictEqual([`${STICKY_MARKER}\n# Report\n`]);
  });

  it('replaces it with a "report failed" notice when the report step failed, even if an old comment file lies around', () => {
    scratch = mkdtempSync(join(tmpdir(), 'pr-comment-'));
    writeFileSync(join(scratch, 'pr-comment.md'), `${STICKY_MARKER}\n# Report of an older head\n`);
    const github = recorder('991\n');
    runPrComment({ ...options, reportOutcome: 'failure' }, io(scratch), github.gh);
    expect(github.calls[1]![3]).toBe('repos/go-coffee/go-coffee-gitops/issues/comments/991');
    expect(github.bodies[0]).toMatch(
      /^<!-- go-coffee:pr-report -->\n## Pull request report failed\n\nNo report for abcdef012345/,
    );
  });

  it('creates the comment on the first run', () => {
    scratch = mkdtempSync(join(tmpdir(), 'pr-comment-'));
    const github = recorder('');
    runPrComment({ ...options, reportOutcome: 'failure' }, io(scratch), github.gh);
    expect(github.calls[1]!.slice(0, 4)).toStrictEqual([
      'api',
      '-X',
      'POST',
      'repos/go-coffee/go-coffee-gitops/issues/12/comments',
    ]);
  });
});

describe('ci:pr-comment with shard reports', () => {
  it('appends the shard table, sorted, and lists a shard whose job left no report', () => {
    scratch = mkdtempSync(join(tmpdir(), 'pr-comment-'));
    writeFileSync(join(scratch, 'pr-comment.md'), `${STICKY_MARKER}\n# Report\n`);
    mkdirSync(join(scratch, 'shards', 'pr-shard-prod-1'), { recursive: true });
    writeFileSync(
      join(scratch, 'shards', 'pr-shard-prod-1', 'shard.md'),
      `${SHARD_REPORT_MARKER}\n| prod-1 | \`prod-aws-us-east-1\` | ✅ pass | ❌ fail |\n`,
    );
    const github = recorder('');
    runPrComment(
      { ...options, reportOutcome: 'success', shardDir: 'shards', shards: ['prod-1', 'dev-1'] },
      io(scratch),
      github.gh,
    );
    const body = github.bodies[0]!;
    expect(body.startsWith(`${STICKY_MARKER}\n# Report\n\n### Cluster shards`)).toBe(true);
    const rows = body.split('\n').filter((line) => /^\| (dev|prod)-1 /.test(line));
    expect(rows).toStrictEqual([
      '| dev-1 | | ⚠️ no report (job failed or was cancelled) | |',
      '| prod-1 | `prod-aws-us-east-1` | ✅ pass | ❌ fail |',
    ]);
  });
});
