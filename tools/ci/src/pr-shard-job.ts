// `npm run ci:pr-shard -- --base <sha> --head <sha> --shard <name> --clusters <a,b,…> --shard-report <file>`:
// one job of the pull-request shard matrix (pr-shards.ts). For its clusters only:
//   1. the committed gitops/<cluster>/ folders equal a fresh render (`npm run render -- --check --clusters …`);
//   2. the policy gate on those folders, ratcheting against the base (only violations the change adds fail);
// then writes one Markdown line per cluster to --shard-report, which the report job merges into the sticky
// comment (mergeShardReports). The report is written whatever the verdict, so a failing shard still shows.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CiError, CI_EXIT, type CiExitCode } from './ci-error';
import type { CliIo } from '@go-coffee/cli';
import { runStep } from './ci-step';
import { checkedOutRefs } from './checked-out-commit';

export interface PrShardOptions {
  readonly base: string;
  readonly head: string;
  readonly shard: string;
  readonly clusters: string;
  readonly shardReport: string;
}

/** First line of every shard report, so the merge ignores stray files. */
export const SHARD_REPORT_MARKER = '<!-- go-coffee:pr-shard -->';

const verdict = (status: number) =>
  status === 0 ? '✅ pass' : status === 1 ? '❌ fail' : `⚠️ no verdict (exit ${status})`;

export async function runPrShard(options: PrShardOptions, io: CliIo): Promise<CiExitCode> {
  const clusters = options.clusters.split(',').filter(Boolean);
  if (clusters.length === 0 || clusters.some((name) => !/^[a-z0-9][a-z0-9-]*$/.test(name)))
    throw new CiError(
      `ci pr-shard: --clusters must be comma-separated cluster names, got "${options.clusters}"`,
      CI_EXIT.usage,
    );
  const refs = checkedOutRefs(io.cwd, options.base, options.head);

  const check = await runStep(
    io,
    `shard ${options.shard}: gitops/ of ${clusters.length} cluster(s) equals a fresh render`,
    'npm',
    ['run', '--silent', 'render', '--', '--check', '--clusters', clusters.join(',')],
  );
  const build = await runStep(io, 'policy bundle', 'npx', ['nx', 'run', 'policies:build', '--outputStyle=static'], {
    env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  const policy =
    build.status === 0
      ? await runStep(io, `shard ${options.shard}: policy (ratchet against ${refs.base.slice(0, 12)})`, 'node', [
          'tools/policy-check/bin/policy-check.mjs',
          '--all-namespaces',
          '--baseline',
          refs.base,
          ...clusters.map((name) => `gitops/${name}`),
        ])
      : build;
  // policy-check: 0 pass, 1 new failures; anything else is no verdict.
  const policyStatus = policy.status === 0 || policy.status === 1 ? policy.status : 3;
  const checkStatus = check.status === 0 || check.status === 1 ? check.status : 3;

  const lines = [
    SHARD_REPORT_MARKER,
    `| ${options.shard} | ${clusters.map((name) => `\`${name}\``).join(', ')} | ${verdict(checkStatus)} | ${verdict(policyStatus)} |`,
  ];
  const reportPath = resolve(io.cwd, options.shardReport);
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, `${lines.join('\n')}\n`);

  if (checkStatus === 3 || policyStatus === 3) {
    throw new CiError(`ci:pr-shard ${options.shard}: a step gave no verdict; see its output above`, CI_EXIT.noVerdict);
  }
  if (checkStatus === 1 || policyStatus === 1) {
    io.stderr(
      `ci:pr-shard ${options.shard}: ${checkStatus === 1 ? 'gitops/ is stale (fix: npm run render and commit) ' : ''}` +
        `${policyStatus === 1 ? 'the change adds policy violations (listed above)' : ''}\n`,
    );
    return CI_EXIT.failed;
  }
  io.stdout(`ci:pr-shard ${options.shard}: ${clusters.length} cluster(s) pass\n`);
  return CI_EXIT.pass;
}

/**
 * The shard reports under `dir` (any depth: one artifact folder per shard) as one Markdown table, shards
 * sorted by name; `expected` shards without a report are listed as missing so a crashed job cannot vanish.
 */
export function mergeShardReports(dir: string, expected: readonly string[]): string {
  const rows = new Map<string, string>();
  const visit = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else {
        const [marker, row] = readFileSync(path, 'utf8').split('\n');
        const shard = row?.split('|')[1]?.trim();
        if (marker === SHARD_REPORT_MARKER && shard) rows.set(shard, row!);
      }
    }
  };
  visit(dir);
  for (const shard of expected)
    if (!rows.has(shard)) rows.set(shard, `| ${shard} | | ⚠️ no report (job failed or was cancelled) | |`);
  if (rows.size === 0) return '';
  const sorted = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  return [
    '### Cluster shards',
    '',
    '| Shard | Clusters | Rendered tree | Policy (new violations) |',
    '| --- | --- | --- | --- |',
    ...sorted,
    '',
  ].join('\n');
}
