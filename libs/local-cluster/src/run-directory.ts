// Bookkeeping that lets a later start clean up after a run that was killed: each run owns one directory
// holding pid files and the identity (pid + start time) of the process that owns it. A run whose owner is
// gone is stale: its processes are killed and its directory removed. Processes are only killed when their
// command line names the run directory, so a recycled pid never hits an unrelated process.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RUN_PREFIX = 'run-';
/**
 * Name of a process of a run, its pid file being `<name>.pid`: the control plane's own (kube-apiserver, etcd,
 * watchdog) and whatever runs on top of it in the same run (the local Argo CD's redis, git daemon and Argo CD
 * components), so one cleanup covers them all.
 */
export type ManagedProcess = string;
const PID_FILE = /^([a-z0-9-]+)\.pid$/;

/** Fields 3 onwards of /proc/<pid>/stat (index 0 is field 3), or undefined when the process is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined if gone. */
export function processStartTime(pid: number): string | undefined {
  return statFields(pid)?.[19];
}

/**
 * CPU seconds a process has used, user + system (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of
 * 1/100 s on Linux), or undefined if gone.
 */
export function processCpuSeconds(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields === undefined ? undefined : (Number(fields[11]) + Number(fields[12])) / 100;
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

export interface RunOwner {
  readonly pid: number;
  readonly startTime: string;
}

export function createRunDirectory(stateRoot: string, owner: RunOwner | 'persistent'): string {
  mkdirSync(stateRoot, { recursive: true });
  const dir = mkdtempSync(join(stateRoot, `${RUN_PREFIX}${owner === 'persistent' ? 'persistent' : owner.pid}-`));
  writeFileSync(join(dir, 'owner'), owner === 'persistent' ? 'persistent\n' : `${owner.pid} ${owner.startTime}\n`);
  return dir;
}

export function recordPid(runDir: string, name: ManagedProcess, pid: number): void {
  if (!PID_FILE.test(`${name}.pid`))
    throw new Error(`process name "${name}" must be lowercase letters, digits and '-'`);
  writeFileSync(join(runDir, `${name}.pid`), `${pid}\n`);
}

function readPid(runDir: string, name: ManagedProcess): number | undefined {
  const file = join(runDir, `${name}.pid`);
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Pids of this run's processes that are still alive and still ours. */
export function livePids(runDir: string): { name: ManagedProcess; pid: number }[] {
  const alive: { name: ManagedProcess; pid: number }[] = [];
  let entries: string[];
  try {
    entries = readdirSync(runDir).sort();
  } catch {
    return alive;
  }
  for (const name of entries.flatMap((entry) => entry.match(PID_FILE)?.[1] ?? [])) {
    const pid = readPid(runDir, name);
    if (pid !== undefined && commandLine(pid)?.includes(runDir)) alive.push({ name, pid });
  }
  return alive;
}

function ownerAlive(runDir: string): boolean {
  let text: string;
  try {
    text = readFileSync(join(runDir, 'owner'), 'utf8').trim();
  } catch {
    return false;
  }
  if (text === 'persistent') return true;
  const [pid, startTime] = text.split(' ');
  return processStartTime(Number(pid)) === startTime && !isZombie(Number(pid));
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function waitForExit(pids: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pids.every((pid) => processStartTime(pid) === undefined || isZombie(pid))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Stops a run's processes (TERM, then KILL after graceMs) and removes its directory. */
export async function terminateRun(runDir: string, graceMs = 10_000): Promise<number[]> {
  const targets = livePids(runDir);
  const pids = targets.map((t) => t.pid);
  for (const pid of pids) signal(pid, 'SIGTERM');
  if (!(await waitForExit(pids, graceMs))) {
    for (const pid of pids) signal(pid, 'SIGKILL');
    await waitForExit(pids, 5_000);
  }
  rmSync(runDir, { recursive: true, force: true });
  return pids;
}

/** Kills what runs under stateRoot whose owner has died, and returns the pids it stopped. */
export async function reapStaleRuns(stateRoot: string): Promise<number[]> {
  if (!existsSync(stateRoot)) return [];
  const reaped: number[] = [];
  for (const entry of readdirSync(stateRoot).sort()) {
    if (!entry.startsWith(RUN_PREFIX)) continue;
    const runDir = join(stateRoot, entry);
    if (ownerAlive(runDir)) continue;
    reaped.push(...(await terminateRun(runDir, 3_000)));
  }
  return reaped;
}
