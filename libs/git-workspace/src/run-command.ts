// Runs one program (never a shell line) to completion without blocking the event loop, keeping its
// output; `echo` also streams it while it runs (a CI log shows long steps as they progress); `input`, when
// given, is its whole stdin (otherwise stdin is empty, so a program that reads it never waits).
import { spawn } from 'node:child_process';

export interface CommandResult {
  /** Exit status; null when a signal ended it. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where a command's output also goes while it runs. */
export interface CommandEcho {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function runCommand(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  echo?: CommandEcho,
  input?: string,
): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      echo?.stdout(chunk.toString('utf8'));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      echo?.stderr(chunk.toString('utf8'));
    });
    child.on('error', reject);
    child.on('close', (status) =>
      resolvePromise({
        status,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    // A program may exit without reading its stdin (EPIPE); its exit status says whether it failed.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** The end of a command's output, for an error message that quotes what went wrong. */
export function lastLines(text: string, lines = 30): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
