// Runs a tool's runCli in-process with a captured io, the way every command-line test looks at a tool:
// its exit code and exactly what it printed on each stream.
import { captureIo, type CliIo } from '../src/cli-io';

export interface CapturedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCliCaptured(
  runCli: (argv: readonly string[], io: CliIo) => number | Promise<number>,
  argv: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<CapturedRun> {
  const captured = captureIo(options);
  const code = await runCli(argv, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}
