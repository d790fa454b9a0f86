// The process side of every tool's main.ts: run the command with the real argv and io, and turn its
// result into the process exit code. An error the command did not map to an exit code still ends the
// process with a message and the tool's documented "could not run" code, never a stack trace alone.
import { isMainThread } from 'node:worker_threads';
import { processIo, type CliIo } from './cli-io';

export type CommandLineMain = (argv: readonly string[], io: CliIo) => number | Promise<number>;

export interface LaunchOptions {
  /** Prefix of the unexpected-error message, e.g. `pr-report`; none when empty. */
  readonly tool: string;
  /** Exit code when the command throws instead of returning one. */
  readonly unexpectedExitCode: number;
}

/**
 * Runs `main` for this process; resolves once process.exitCode is set. Off the main thread it does
 * nothing: a worker thread that loads a tool's bundle for a worker entry inlined in it (e.g. the drift
 * tree loader's) must not run the tool.
 */
export async function launchMain(main: CommandLineMain, options: LaunchOptions): Promise<void> {
  if (!isMainThread) return;
  const io = processIo();
  try {
    process.exitCode = await main(process.argv.slice(2), io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${options.tool ? `${options.tool}: ` : ''}${message}\n`);
    process.exitCode = options.unexpectedExitCode;
  }
}
