// Runs a checkout's own policy gate and returns policy-check's JSON. The gate is a fixed list of
// operations, each one program with fixed arguments run without a shell in the checkout: build the WASM
// bundle with the checkout's Nx, then run the checkout's policy-check bin over gitops/ with JSON output.
// Nothing read from the checkout (package.json scripts included) decides what runs, so judging another
// ref never executes a command line that ref wrote. Exit 0 and 1 of the check are verdicts; any other
// outcome means there is no verdict, which is an error.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkoutEnv, lastLines, runCommand } from '@go-coffee/git-workspace';
import type { PolicyResultSet } from './policy-findings';

export class PolicyGateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyGateError';
  }
}

/** The checkout's policy-check bin; a checkout without it (older history) has no policy gate. */
export const POLICY_CHECK_BIN = 'tools/policy-check/bin/policy-check.mjs';

export interface PolicyGateOperation {
  /** How errors name the step. */
  readonly title: string;
  /** Program and arguments, relative paths inside the checkout. */
  readonly program: (root: string) => readonly [string, ...string[]];
}

/** Every operation runPolicyGate may run, in order; the last one prints the verdict as JSON. */
export const POLICY_GATE_OPERATIONS: readonly PolicyGateOperation[] = [
  {
    title: 'nx run policies:build',
    program: (root) => [join(root, 'node_modules', '.bin', 'nx'), 'run', 'policies:build', '--outputStyle=static'],
  },
  {
    title: `node ${POLICY_CHECK_BIN} --all-namespaces --output json gitops`,
    program: (root) => [
      process.execPath,
      join(root, POLICY_CHECK_BIN),
      '--all-namespaces',
      '--output',
      'json',
      'gitops',
    ],
  },
];

/** policy-check JSON of the checkout at `root`, or undefined when it has no policy gate. */
export async function runPolicyGate(root: string, label: string = root): Promise<PolicyResultSet[] | undefined> {
  if (!existsSync(join(root, POLICY_CHECK_BIN))) return undefined;
  const env = checkoutEnv(root);
  const steps = [...POLICY_GATE_OPERATIONS];
  const check = steps.pop()!;
  for (const step of steps) {
    const [program, ...args] = step.program(root);
    const result = await runCommand(program, args, root, env);
    if (result.status !== 0) {
      throw new PolicyGateError(
        `policy step \`${step.title}\` of ${label} failed with exit ${result.status}:\n${lastLines(`${result.stdout}\n${result.stderr}`)}`,
      );
    }
  }
  const [program, ...args] = check.program(root);
  const verdict = await runCommand(program, args, root, env);
  if (verdict.status !== 0 && verdict.status !== 1) {
    throw new PolicyGateError(
      `policy check of ${label} (\`${check.title}\`) gave no verdict (exit ${verdict.status}):\n${lastLines(verdict.stderr)}`,
    );
  }
  try {
    return JSON.parse(verdict.stdout) as PolicyResultSet[];
  } catch {
    throw new PolicyGateError(`policy check of ${label} did not print JSON: ${lastLines(verdict.stdout, 5)}`);
  }
}
