// `npm run ci:pr -- --base <sha> --head <sha>`: the `pr-affected` job. In this order, because a render
// rewrites gitops/ and would hide what the pull request committed:
//   1. stale tree: the committed gitops/ against a fresh in-memory render of the head's sources
//      (`npm run render -- --check`, before anything writes gitops/); every stale or extra file is named;
//   2. `nx affected -t render policy` with POLICY_BASELINE=<base>, so every policy target it selects
//      (per app and the whole-tree one) ratchets: only violations the change adds fail, existing debt is
//      reported, not blocking;
//   3. the renders Nx ran left gitops/ exactly as committed (a second, independent stale check).
// lint, typecheck and test run once per pull request, in the `affected` job of ci.yml (ci:workspace).
import { CiError, CI_EXIT, type CiExitCode } from './ci-error';
import type { CliIo } from '@go-coffee/cli';
import { runStep } from './ci-step';
import { changedFiles, checkedOutRefs } from './checked-out-commit';

export interface PrGateOptions {
  readonly base: string;
  readonly head: string;
}

/** `stale <path>` / `extra <path>` lines of `render --check`, as `<kind> <path>`. */
export function staleTreeLines(renderCheckOutput: string): string[] {
  return renderCheckOutput
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(stale|extra) gitops\/\S+$/.test(line));
}

export async function runPrGate(options: PrGateOptions, io: CliIo): Promise<CiExitCode> {
  const refs = checkedOutRefs(io.cwd, options.base, options.head);
  const short = refs.head.slice(0, 12);

  const check = await runStep(io, 'committed gitops/ equals a fresh render of the sources', 'npm', [
    'run',
    '--silent',
    'render',
    '--',
    '--check',
  ]);
  if (check.status === 1) {
    const stale = staleTreeLines(check.output);
    io.stderr(
      `ci:pr: gitops/ at ${short} is not what its sources render (${stale.length} file(s)):\n` +
        stale.map((line) => `  ${line}\n`).join('') +
        'fix: run `npm run render` and commit the result; never edit gitops/ by hand\n',
    );
    return CI_EXIT.failed;
  }
  if (check.status !== 0) {
    throw new CiError(`render --check gave no verdict (exit ${check.status}); see its output above`, CI_EXIT.noVerdict);
  }

  const affected = await runStep(
    io,
    `nx affected -t render policy (policy ratchets against ${refs.base.slice(0, 12)})`,
    'npx',
    ['nx', 'affected', '-t', 'render', 'policy', `--base=${refs.base}`, `--head=${refs.head}`, '--outputStyle=static'],
    { env: { POLICY_BASELINE: refs.base, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' } },
  );
  if (affected.status !== 0) {
    io.stderr(`ci:pr: an affected render or policy target failed (exit ${affected.status}); see its output above\n`);
    return CI_EXIT.failed;
  }

  const rewritten = changedFiles(refs.root, 'gitops');
  if (rewritten.length > 0) {
    io.stderr(
      `ci:pr: the affected renders changed gitops/ at ${short} (${rewritten.length} file(s)):\n` +
        rewritten.map((path) => `  ${path}\n`).join('') +
        'fix: run `npm run render` and commit the result\n',
    );
    return CI_EXIT.failed;
  }
  io.stdout(`ci:pr: ${short} passes: gitops/ is rendered from its sources and no affected target fails\n`);
  return CI_EXIT.pass;
}
