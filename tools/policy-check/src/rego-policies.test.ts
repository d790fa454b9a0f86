// CI gate for the Rego sources in policies/ with the real OPA: formatted, strict-clean, tests passing with ≥ 90 % coverage.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolPath, workspaceRoot } from '@go-coffee/toolchain';

const root = workspaceRoot();
const opa = (args: string[]) =>
  spawnSync(toolPath('opa', root), args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

describe('policies', () => {
  it('are formatted with opa fmt', () => {
    const result = opa(['fmt', '--fail', '--list', 'policies']);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('pass opa check --strict', () => {
    const result = opa(['check', '--strict', '--ignore', 'samples', 'policies']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('pass their opa tests with at least 90 % coverage', () => {
    const result = opa([
      'test',
      '--timeout',
      '60s',
      '--coverage',
      '--format',
      'json',
      '--ignore',
      'samples',
      'policies',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { coverage: number };
    expect(report.coverage).toBeGreaterThanOrEqual(90);
  });

  it('keep their data in policies/data.yaml', () => {
    const result = opa(['eval', '-f', 'raw', '-d', join('policies', 'data.yaml'), 'data.platform.allowed_registries']);
    expect(JSON.parse(result.stdout)).toStrictEqual(['ghcr.io/go-coffee/']);
  });
});
