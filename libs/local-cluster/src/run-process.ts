// Starts one long-running process of a run: detached (so it outlives nothing but the run's cleanup), output
// appended to `<runDir>/<name>.log`, pid recorded as `<name>.pid` so the watchdog, `terminateRun` and the
// reaping of dead runs stop it. Its command line must name the run directory (a binary or a flag under it):
// only such processes are ever signalled.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processStartTime, recordPid } from './run-directory';

export interface RunProcessOptions {
  /** @default this process's environment */
  readonly env?: NodeJS.ProcessEnv;
  /** @default the run directory */
  readonly cwd?: string;
}

export interface RunProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** undefined while it runs; otherwise why it is gone, with the last lines of its log. */
  exited(): string | undefined;
}

export function startRunProcess(
  runDir: string,
  name: string,
  binary: string,
  args: readonly string[],
  options: RunProcessOptions = {},
): RunProcess {
  const argv = [binary, ...args].join(' ');
  if (!argv.includes(runDir)) {
    throw new Error(`${name}: its command line must name the run directory ${runDir} so cleanup can recognise it`);
  }
  const logFile = join(runDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  let pid: number | undefined;
  try {
    const child = spawn(binary, [...args], {
      stdio: ['ignore', fd, fd],
      detached: true,
      env: options.env ?? process.env,
      cwd: options.cwd ?? runDir,
    });
    pid = child.pid;
    if (pid === undefined) throw new Error(`could not start ${binary}`);
    child.unref();
  } finally {
    closeSync(fd);
  }
  recordPid(runDir, name, pid);
  const started = pid;
  return {
    name,
    pid: started,
    logFile,
    exited: () =>
      processStartTime(started) === undefined ? `${name} exited; last log lines:\n${logTail(logFile)}` : undefined,
  };
}

export function logTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
