// `npm run ci:workspace -- --base <sha> --head <sha>`: the `affected` job of ci.yml, the one place a pull
// request (and each push to main) runs format, workflow lint, lint, typecheck and tests.
//   - actionlint runs with shellcheck, resolved here and passed explicitly: actionlint silently skips the
//     `run:` scripts when shellcheck is missing, so a missing shellcheck fails this gate instead;
//   - lint/typecheck/test run for what the change affects; a base of all zeros (a new branch) or no
//     common history runs them for every project.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toolPath, MissingToolError } from '@go-coffee/toolchain';
import { CiError, CI_EXIT, type CiExitCode } from './ci-error';
import type { CliIo } from '@go-coffee/cli';
import { runStep } from './ci-step';
import { checkedOutRefs } from './checked-out-commit';

export interface WorkspaceGateOptions {
  readonly base: string;
  readonly head: string;
}

const NO_COMMIT = /^0{40}$/;

/** Absolute path of shellcheck on PATH, or a CiError saying how to install it. */
export function shellcheckPath(env: NodeJS.ProcessEnv): string {
  const found = spawnSync('sh', ['-c', 'command -v shellcheck'], { env, encoding: 'utf8' });
  const path = (found.stdout ?? '').trim();
  if (found.error || found.status !== 0 || path === '') {
    throw new CiError(
      'shellcheck not found on PATH: actionlint would skip every run: script; ' +
        'fix: install it (Debian/Ubuntu: apt-get install -y shellcheck; GitHub runner images ship it)',
      CI_EXIT.noVerdict,
    );
  }
  return path;
}

/** The workflow files actionlint checks, sorted. */
export function workflowFiles(root: string): string[] {
  const dir = join(root, '.github', 'workflows');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
    .sort()
    .map((name) => join('.github', 'workflows', name));
}

export async function runWorkspaceGate(options: WorkspaceGateOptions, io: CliIo): Promise<CiExitCode> {
  const wholeWorkspace = NO_COMMIT.test(options.base);
  const refs = checkedOutRefs(io.cwd, wholeWorkspace ? options.head : options.base, options.head);
  let actionlint: string;
  try {
    actionlint = toolPath('actionlint', refs.root);
  } catch (error) {
    if (error instanceof MissingToolError) throw new CiError(error.message, CI_EXIT.noVerdict);
    throw error;
  }
  const shellcheck = shellcheckPath(io.env);

  const failures: string[] = [];
  const format = await runStep(io, 'prettier --check', 'npm', ['run', '--silent', 'format:check']);
  if (format.status !== 0) failures.push('format (fix: npm run format)');

  const lint = await runStep(io, 'actionlint with shellcheck', actionlint, [
    '-color=false',
    `-shellcheck=${shellcheck}`,
    ...workflowFiles(refs.root),
  ]);
  if (lint.status !== 0) failures.push('actionlint (the findings are above)');

  const nx = wholeWorkspace
    ? ['nx', 'run-many', '-t', 'lint', 'typecheck', 'test', '--outputStyle=static']
    : [
        'nx',
        'affected',
        '-t',
        'lint',
        'typecheck',
        'test',
        `--base=${refs.base}`,
        `--head=${refs.head}`,
        '--outputStyle=static',
      ];
  const affected = await runStep(io, `${nx.slice(0, 2).join(' ')} -t lint typecheck test`, 'npx', nx, {
    env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (affected.status !== 0) failures.push('lint/typecheck/test of the affected projects');

  if (failures.length > 0) {
    io.stderr(`ci:workspace: ${failures.length} check(s) failed: ${failures.join('; ')}\n`);
    return CI_EXIT.failed;
  }
  io.stdout(`ci:workspace: ${refs.head.slice(0, 12)} is formatted, its workflows lint clean, its projects pass\n`);
  return CI_EXIT.pass;
}
