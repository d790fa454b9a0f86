// `npm run ci:policy-gate -- [--base <sha>] --sarif <file>`: the `pr-policy-gate` job (with --base: the
// ratchet, only violations the change adds fail) and the policy job on main (without: absolute).
// The verdict comes first and alone decides the exit code; the SARIF file (every finding of the tree,
// so code scanning computes new alerts against main's upload of the same category) is written after it
// for the workflow's non-fatal upload step.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CiError, CI_EXIT, type CiExitCode } from './ci-error';
import type { CliIo } from '@go-coffee/cli';
import { runStep } from './ci-step';
import { checkedOutRefs } from './checked-out-commit';

export interface PolicyGateOptions {
  /** The pull request's base; absent on main, where the gate is absolute. */
  readonly base?: string;
  readonly sarif: string;
}

const POLICY_CHECK = ['tools/policy-check/bin/policy-check.mjs', '--all-namespaces'];

export async function runPolicyGateJob(options: PolicyGateOptions, io: CliIo): Promise<CiExitCode> {
  const refs = checkedOutRefs(io.cwd, options.base ?? 'HEAD', 'HEAD');
  const build = await runStep(io, 'policy bundle (WASM)', 'npx', [
    'nx',
    'run',
    'policies:build',
    '--outputStyle=static',
  ]);
  if (build.status !== 0)
    throw new CiError('building the policy bundle failed; see its output above', CI_EXIT.noVerdict);

  const ratchet = options.base ? ['--baseline', refs.base] : [];
  const verdict = await runStep(
    io,
    options.base ? `policy verdict: ratchet against ${refs.base.slice(0, 12)}` : 'policy verdict: absolute',
    'node',
    [...POLICY_CHECK, ...ratchet, 'gitops'],
  );
  if (verdict.status !== 0 && verdict.status !== 1) {
    throw new CiError(`policy-check gave no verdict (exit ${verdict.status}); see its output above`, CI_EXIT.noVerdict);
  }

  const sarif = await runStep(
    io,
    `findings as SARIF -> ${options.sarif}`,
    'node',
    [...POLICY_CHECK, '--output', 'sarif', 'gitops'],
    { echoStdout: false },
  );
  if (sarif.status === 0 || sarif.status === 1) {
    writeFileSync(resolve(io.cwd, options.sarif), sarif.stdout);
  } else {
    // The verdict stands; without a file the upload step has nothing to send, and says so.
    io.stderr(`::warning::policy-check --output sarif failed (exit ${sarif.status}); no SARIF written\n`);
  }
  return verdict.status === 0 ? CI_EXIT.pass : CI_EXIT.failed;
}
