// Runs a checkout's own policy gate — the `policy` script of its package.json — and returns
// policy-check's JSON. Earlier commands of the script (building the WASM bundle) run first with their
// output kept off stdout; `--output json` is added to the last one, so stdout is exactly the JSON.
// Exit 0 and 1 are verdicts; any other exit means there is no verdict, which is an error.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyResultSet } from './policy-findings';

export class PolicyGateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyGateError';
  }
}

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where a command's output also goes while it runs (a CI log shows long steps as they progress). */
export interface CommandEcho {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Runs a command to completion without blocking the event loop; `echo` also streams its output. */
export function runCommand(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  echo?: CommandEcho,
): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  });
}

export function lastLines(text: string, lines = 30): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** The `scripts` of a checkout's package.json ({} when there is none). */
export function packageScripts(root: string): Record<string, string> {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
}

/** Environment for tools run in a secondary checkout: no Nx daemon (it would outlive it), its own .bin first. */
export function checkoutEnv(root: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
  };
}

/** policy-check JSON of the checkout at `root`, or undefined when it has no `policy` script. */
export async function runPolicyGate(root: string, label: string = root): Promise<PolicyResultSet[] | undefined> {
  const script = packageScripts(root).policy;
  if (!script) return undefined;
  const commands = script.split('&&').map((command) => command.trim());
  const env = checkoutEnv(root);
  const last = commands.pop()!;
  for (const command of commands) {
    const step = await runCommand('sh', ['-c', command], root, env);
    if (step.status !== 0) {
      throw new PolicyGateError(
        `policy step \`${command}\` of ${label} failed with exit ${step.status}:\n${lastLines(`${step.stdout}\n${step.stderr}`)}`,
      );
    }
  }
  const check = await runCommand('sh', ['-c', `${last} --output json`], root, env);
  if (check.status !== 0 && check.status !== 1) {
    throw new PolicyGateError(
      `policy check of ${label} (\`${last}\`) gave no verdict (exit ${check.status}):\n${lastLines(check.stderr)}`,
    );
  }
  try {
    return JSON.parse(check.stdout) as PolicyResultSet[];
  } catch {
    throw new PolicyGateError(`policy check of ${label} did not print JSON: ${lastLines(check.stdout, 5)}`);
  }
}
