// runPolicyGate runs real processes in a checkout. Stand-ins for the checkout's Nx and policy-check bin
// record how they were called, so the test sees exactly which programs ran (policy-baseline must never
// run a command line the checkout wrote); pr-report.test.ts and promote.test.ts run the real gate.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POLICY_CHECK_BIN, PolicyGateError, runPolicyGate } from './policy-gate-command';

let checkout: string;
const calls = () =>
  readFileSync(join(checkout, 'calls.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string[]);

function standIns(options: { buildExit?: number; checkExit?: number; checkOutput?: string } = {}): void {
  const log = JSON.stringify(join(checkout, 'calls.log'));
  const line = "JSON.stringify([basename(process.argv[1]), ...process.argv.slice(2)]) + '\\n'";
  const record = `const { appendFileSync } = require('node:fs');\nconst { basename } = require('node:path');\nappendFileSync(${log}, ${line});`;
  const recordEsm = `import { appendFileSync } from 'node:fs';\nimport { basename } from 'node:path';\nappendFileSync(${log}, ${line});`;
  mkdirSync(join(checkout, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(
    join(checkout, 'node_modules', '.bin', 'nx'),
    `#!${process.execPath}\n${record}\nprocess.exit(${options.buildExit ?? 0});\n`,
  );
  chmodSync(join(checkout, 'node_modules', '.bin', 'nx'), 0o755);
  mkdirSync(join(checkout, 'tools', 'policy-check', 'bin'), { recursive: true });
  writeFileSync(
    join(checkout, POLICY_CHECK_BIN),
    `${recordEsm}\n` +
      `process.stdout.write(${JSON.stringify(options.checkOutput ?? '[{"filename":"gitops/c/a.yaml","namespace":"main","successes":1}]')});\n` +
      `process.exit(${options.checkExit ?? 1});\n`,
  );
  writeFileSync(join(checkout, 'package.json'), JSON.stringify({ scripts: { policy: 'touch ran-policy-script' } }));
}

beforeEach(() => {
  checkout = mkdtempSync(join(tmpdir(), 'policy-gate-'));
});
afterEach(() => rmSync(checkout, { recursive: true, force: true }));

describe('runPolicyGate', () => {
  it('runs exactly the fixed operations — build the bundle, check gitops/ as JSON — and returns the verdict', async () => {
    standIns();
    const results = await runPolicyGate(checkout, 'head');
    expect(results).toStrictEqual([{ filename: 'gitops/c/a.yaml', namespace: 'main', successes: 1 }]);
    expect(calls()).toStrictEqual([
      ['nx', 'run', 'policies:build', '--outputStyle=static'],
      ['policy-check.mjs', '--all-namespaces', '--output', 'json', 'gitops'],
    ]);
    expect(existsSync(join(checkout, 'ran-policy-script'))).toBe(false);
  });

  it('has no gate in a checkout without the policy-check bin, whatever its package.json says', async () => {
    writeFileSync(join(checkout, 'package.json'), JSON.stringify({ scripts: { policy: 'touch ran-policy-script' } }));
    expect(await runPolicyGate(checkout)).toBeUndefined();
    expect(existsSync(join(checkout, 'ran-policy-script'))).toBe(false);
  });

  it('fails when the bundle does not build, naming the step and the checkout', async () => {
    standIns({ buildExit: 2 });
    await expect(runPolicyGate(checkout, 'base (abc)')).rejects.toThrow(
      /^policy step `nx run policies:build` of base \(abc\) failed with exit 2:/,
    );
    expect(calls()).toHaveLength(1);
  });

  it('fails when the check gives no verdict (an exit other than 0 or 1) or prints no JSON', async () => {
    standIns({ checkExit: 6 });
    await expect(runPolicyGate(checkout, 'head')).rejects.toThrow(
      /^policy check of head \(`node tools\/policy-check\/bin\/policy-check\.mjs --all-namespaces --output json gitops`\) gave no verdict \(exit 6\)/,
    );
    rmSync(join(checkout, 'calls.log'));
    standIns({ checkOutput: 'not json' });
    await expect(runPolicyGate(checkout, 'head')).rejects.toThrow(PolicyGateError);
  });
});
