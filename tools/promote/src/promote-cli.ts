// `npm run promote -- --service <name> --from staging --to prod` (or `--all`): a branch and a commit
// that promote image tags between environments, ready to push and open as a pull request.
// Prerequisites: npm ci and npm run toolchain in this checkout; git user.name/user.email configured.
import { readCommandLine, UsageError, type CliIo } from '@go-coffee/cli';
import { promote, PromotionError } from './promote';

export const USAGE = `Usage: promote (--service <name>... | --all) --from <env> --to <env> [flags]

Copies the image tags the source environment runs into environments/images/<to>.yaml (comments kept),
re-renders <to>, checks it with the policy gate, and commits the result on a new branch (no push).
The current checkout, index and branch are not touched: the work happens in a temporary worktree.

Flags:
  -s, --service <name>   service to promote, repeatable
      --all              every service whose tag differs
      --from <env>       source environment, e.g. staging
      --to <env>         target environment, e.g. prod
      --tag <tag>        expected tag (one --service): refused unless the source runs exactly this tag
      --base <ref>       commit to branch from (default HEAD)
      --branch <name>    branch name (default promote/<to>/<service>-<tag> or promote/<to>/from-<from>-<sha>)
  -h, --help

Exit codes: 0 branch created · 1 refused (image not run by the source, new policy failures in the
target, nothing to promote) · 2 usage error · 3 render or policy gate failed to run
`;

const USAGE_ERRORS = { tool: 'promote', exitCode: 2, hint: USAGE };

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const commandLine = readCommandLine(
    argv,
    {
      options: {
        service: { type: 'string', short: 's', multiple: true },
        all: { type: 'boolean', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
        tag: { type: 'string' },
        base: { type: 'string' },
        branch: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      usage: USAGE,
      usageErrors: USAGE_ERRORS,
      check: ({ values }) => {
        if (!values.from || !values.to) throw new UsageError('--from and --to are required');
        if (values.all === (values.service !== undefined))
          throw new UsageError('pass either --service <name> or --all');
      },
    },
    io,
  );
  if (commandLine.exitCode !== undefined) return commandLine.exitCode;
  const { values } = commandLine.parsed;
  try {
    const result = await promote({
      cwd: io.cwd,
      from: values.from!,
      to: values.to!,
      services: values.all ? undefined : values.service,
      tag: values.tag,
      base: values.base,
      branch: values.branch,
      progress: (line) => io.stderr(`promote: ${line}\n`),
    });
    io.stdout(
      `${result.message}\nbranch ${result.branch} at ${result.commit.slice(0, 12)} (${result.changedFiles.length} file(s))\n` +
        `next: git push -u origin ${result.branch} and open a pull request; its report shows the change per cluster\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof PromotionError) {
      io.stderr(`promote: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
