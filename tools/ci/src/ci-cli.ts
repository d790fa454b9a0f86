// Command line of the CI entry points: one subcommand per workflow job, so each job's logic is a tested
// program and the workflow YAML only passes the event's values in.
//   ci pr --base <sha> --head <sha>            pull-request.yml pr-affected
//   ci workspace --base <sha> --head <sha>     ci.yml affected
//   ci policy-gate [--base <sha>] --sarif <f>  pull-request.yml pr-policy-gate, ci.yml policy on main
//   ci pr-comment ...                          pull-request.yml pr-report (the sticky comment)
//   ci pr-shards --base <sha> --head <sha>     pull-request.yml pr-shards (the shard matrix)
//   ci pr-shard ...                            pull-request.yml pr-shard (one shard's clusters)
//   ci drift-matrix                            drift.yml clusters
//   ci drift ...                               drift.yml drift <cluster>
import { parseCommandLine, UsageError, type CliIo } from '@go-coffee/cli';
import { CiError, CI_EXIT } from './ci-error';
import { runDriftJob } from './drift-job';
import { driftMatrix } from './drift-matrix';
import { githubCli } from './github-cli';
import { runPolicyGateJob } from './policy-gate';
import { runPrComment } from './pr-comment';
import { runPrGate } from './pr-gate';
import { runPrShard } from './pr-shard-job';
import { prShardMatrix } from './pr-shards';
import { runWorkspaceGate } from './workspace-gate';

export const USAGE = `Usage: ci <command> [flags]   (npm run ci:<command> -- [flags])

Commands:
  pr --base <sha> --head <sha>              stale gitops/ check, then nx affected render + policy (ratchet)
  workspace --base <sha> --head <sha>       format, actionlint + shellcheck, nx affected lint typecheck test
  policy-gate [--base <sha>] --sarif <file> policy verdict (ratchet with --base, absolute without), then SARIF
  pr-comment --repo <o/r> --pr <n> --head <sha> --report-outcome <outcome> --comment-file <f> --run-url <url>
                                            replace the pull request's sticky report comment
  pr-shards --base <sha> --head <sha> [--shard-size <n> (default 25)]
                                            the clusters the change affects, by environment, in shards, as JSON
  pr-shard --base <sha> --head <sha> --shard <name> --clusters <a,b> --shard-report <file>
                                            stale check and policy ratchet of one shard's clusters
  pr-comment … [--shard-dir <dir> --shards <a,b>]
                                            also merge the shard reports into the sticky comment
  drift-matrix                              the drift workflow's matrix from environments/, as JSON
  drift --cluster <name> --context <ctx> --repo <o/r> --run-url <url>
                                            gitops-sync drift for one cluster, then its issues

Exit codes: 0 pass · 1 the gate found a problem · 2 usage error, unknown ref, wrong or dirty checkout ·
3 a step gave no verdict (a tool crashed or is missing)
`;

const OPTIONS = {
  base: { type: 'string' },
  head: { type: 'string' },
  sarif: { type: 'string' },
  repo: { type: 'string' },
  pr: { type: 'string' },
  'report-outcome': { type: 'string' },
  'comment-file': { type: 'string' },
  'run-url': { type: 'string' },
  cluster: { type: 'string' },
  context: { type: 'string' },
  shard: { type: 'string' },
  clusters: { type: 'string' },
  'shard-size': { type: 'string' },
  'shard-report': { type: 'string' },
  'shard-dir': { type: 'string' },
  shards: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parseCommandLine<typeof OPTIONS, true>>['values'];

function required(values: Values, command: string, ...names: (keyof Values)[]): void {
  const missing = names.filter((name) => typeof values[name] !== 'string' || values[name] === '');
  if (missing.length > 0) {
    throw new CiError(`ci ${command}: missing ${missing.map((name) => `--${name}`).join(', ')}`, CI_EXIT.usage);
  }
}

export async function runCi(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseCommandLine(argv, { options: OPTIONS, allowPositionals: true });
    } catch (error) {
      if (error instanceof UsageError) throw new CiError(`ci: ${error.message}`, CI_EXIT.usage);
      throw error;
    }
    const { values, positionals } = parsed;
    const [command, ...extra] = positionals;
    if (values.help) {
      io.stdout(USAGE);
      return CI_EXIT.pass;
    }
    if (extra.length > 0) throw new CiError(`ci: unexpected argument ${extra[0]}`, CI_EXIT.usage);
    switch (command) {
      case 'pr':
        required(values, command, 'base', 'head');
        return await runPrGate({ base: values.base!, head: values.head! }, io);
      case 'workspace':
        required(values, command, 'base', 'head');
        return await runWorkspaceGate({ base: values.base!, head: values.head! }, io);
      case 'policy-gate':
        required(values, command, 'sarif');
        return await runPolicyGateJob({ base: values.base, sarif: values.sarif! }, io);
      case 'pr-comment':
        required(values, command, 'repo', 'pr', 'head', 'report-outcome', 'comment-file', 'run-url');
        return runPrComment(
          {
            repo: values.repo!,
            pr: values.pr!,
            headSha: values.head!,
            reportOutcome: values['report-outcome']!,
            commentFile: values['comment-file']!,
            runUrl: values['run-url']!,
            ...(values['shard-dir'] ? { shardDir: values['shard-dir'] } : {}),
            shards: (values.shards ?? '').split(',').filter(Boolean),
          },
          io,
          githubCli(io.env),
        );
      case 'pr-shards':
        required(values, command, 'base', 'head');
        io.stdout(
          `${JSON.stringify(prShardMatrix(io.cwd, io.env, { base: values.base!, head: values.head!, shardSize: Number(values['shard-size'] ?? 25) }))}\n`,
        );
        return CI_EXIT.pass;
      case 'pr-shard':
        required(values, command, 'base', 'head', 'shard', 'clusters', 'shard-report');
        return await runPrShard(
          {
            base: values.base!,
            head: values.head!,
            shard: values.shard!,
            clusters: values.clusters!,
            shardReport: values['shard-report']!,
          },
          io,
        );
      case 'drift-matrix':
        io.stdout(`${JSON.stringify(driftMatrix(io.cwd, io.env))}\n`);
        return CI_EXIT.pass;
      case 'drift':
        required(values, command, 'cluster', 'context', 'repo', 'run-url');
        return await runDriftJob(
          { cluster: values.cluster!, context: values.context!, repo: values.repo!, runUrl: values['run-url']! },
          io,
          githubCli(io.env),
        );
      default:
        throw new CiError(
          command ? `ci: unknown command "${command}"` : 'ci: which command? e.g. ci pr --base <sha> --head <sha>',
          CI_EXIT.usage,
        );
    }
  } catch (error) {
    if (error instanceof CiError) {
      io.stderr(`${error.message}\n${error.exitCode === CI_EXIT.usage ? USAGE : ''}`);
      return error.exitCode;
    }
    throw error;
  }
}
