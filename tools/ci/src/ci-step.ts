// One named step of a CI entry point: a command run in the checkout, its output streamed into the log
// and kept for the caller to read verdicts from.
import type { CliIo } from '@go-coffee/cli';
import { runCommand, type CommandResult } from '@go-coffee/git-workspace';

export interface StepResult extends CommandResult {
  /** stdout and stderr together, as the log showed them. */
  readonly output: string;
}

export interface StepOptions {
  /** Added to the environment. @default none */
  readonly env?: NodeJS.ProcessEnv;
  /** Stream stdout into the log; off for machine output such as SARIF. @default true */
  readonly echoStdout?: boolean;
}

export async function runStep(
  io: CliIo,
  title: string,
  command: string,
  args: readonly string[],
  options: StepOptions = {},
): Promise<StepResult> {
  // On GitHub Actions each step folds into a group of the log; elsewhere a plain heading.
  const grouped = io.env.GITHUB_ACTIONS === 'true';
  io.stdout(grouped ? `::group::${title}\n` : `==> ${title}\n`);
  let output = '';
  const echo = {
    stdout: (text: string) => {
      output += text;
      if (options.echoStdout !== false) io.stdout(text);
    },
    stderr: (text: string) => {
      output += text;
      io.stderr(text);
    },
  };
  try {
    const result = await runCommand(command, args, io.cwd, { ...io.env, ...options.env }, echo);
    return { ...result, output };
  } finally {
    if (grouped) io.stdout('::endgroup::\n');
  }
}
