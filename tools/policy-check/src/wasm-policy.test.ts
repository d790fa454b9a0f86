// The WASM host contract, against real OPA: builtins a module needs but nobody implements stop the load,
// and the SDK's sprintf prints exactly what OPA prints for every format string the policies use.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toolPath, workspaceRoot } from '@go-coffee/toolchain';
import { buildPolicyBundle } from './build-policy-bundle';
import { collectInputPaths, readInputFile } from './input-documents';
import { COMBINED_ENTRYPOINT } from './namespace-selection';
import { loadPolicyBundle, readTarEntries } from './policy-bundle';
import { writeSyntheticTree } from '../test-support/synthetic-tree';
import { PolicyCheckError } from './policy-check-error';
import { providedBuiltins, sdkBuiltinNames, WasmPolicy } from './wasm-policy';
import { gunzipSync } from 'node:zlib';

const root = workspaceRoot();
const work = mkdtempSync(join(tmpdir(), 'policy-check-wasm-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function buildWasm(rego: string, entrypoint: string): Uint8Array {
  writeFileSync(join(work, 'policy.rego'), rego);
  const bundle = join(work, 'bundle.tar.gz');
  execFileSync(toolPath('opa'), ['build', '-t', 'wasm', '-e', entrypoint, '-o', bundle, join(work, 'policy.rego')]);
  return readTarEntries(gunzipSync(readFileSync(bundle))).get('policy.wasm')!;
}

describe('WasmPolicy', () => {
  it('refuses a module that needs a builtin neither the SDK nor policy-check implements', () => {
    const wasm = buildWasm('package probe\n\nnext_year := time.add_date(time.now_ns(), 1, 0, 0)\n', 'probe/next_year');
    let error: unknown;
    try {
      new WasmPolicy(wasm, {}, { source: 'probe.wasm' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyCheckError);
    expect((error as PolicyCheckError).reason).toBe('missingBuiltins');
    expect((error as Error).message).toContain(
      'probe.wasm: the policy needs builtins the WASM SDK does not implement: time.add_date;',
    );
  });

  it('evaluates the time builtins it provides like OPA', () => {
    const wasm = buildWasm(
      'package probe\n\nresult := [time.parse_rfc3339_ns("2030-01-01T00:00:00Z"), time.now_ns()]\n',
      'probe/result',
    );
    const policy = new WasmPolicy(wasm, {}, { source: 'probe.wasm', now: () => Date.UTC(2029, 0, 1) });
    const expected = JSON.parse(
      execFileSync(toolPath('opa'), ['eval', '-f', 'raw', 'time.parse_rfc3339_ns("2030-01-01T00:00:00Z")'], {
        encoding: 'utf8',
      }),
    ) as number;
    expect(policy.evaluate('probe/result', {})).toStrictEqual([expected, Date.UTC(2029, 0, 1) * 1_000_000]);
    expect(providedBuiltins()['time.parse_rfc3339_ns']!('next year')).toBeUndefined();
  });

  it('reserves enough memory that the cross-document evaluation of a large tree never grows the heap', () => {
    // Growing the OPA heap one memory.grow at a time made the first large evaluation ten times slower.
    buildPolicyBundle({ outDir: join(work, 'policies') });
    const bundle = loadPolicyBundle(join(work, 'policies', 'bundle.tar.gz'));
    const policy = new WasmPolicy(bundle.wasm, bundle.data, { source: 'bundle' });
    writeSyntheticTree(join(work, 'tree'), 2_000);
    const input = JSON.stringify(
      collectInputPaths([join(work, 'tree')]).flatMap((path) =>
        readInputFile(path).documents.map((document) => ({ path, contents: document.value })),
      ),
    );
    const small = policy.memoryBytes;
    policy.reserveMemory(input.length);
    const reserved = policy.memoryBytes;
    const value = policy.evaluateJson(COMBINED_ENTRYPOINT, input) as Record<string, unknown>;
    expect(reserved).toBeGreaterThan(small);
    expect(policy.memoryBytes).toBe(reserved);
    expect(Object.keys(value).sort()).toStrictEqual([
      'argocd_destinations',
      'autoscaling_targets',
      'disruption_budgets',
      'exceptions',
      'namespace_quotas',
      'network_policies',
    ]);
  }, 60_000);
});

function regoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return regoFiles(path);
    return name.endsWith('.rego') && !name.endsWith('_test.rego') ? [path] : [];
  });
}

describe('sprintf', () => {
  const formats = [
    ...new Set(
      regoFiles(join(root, 'policies')).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/sprintf\(\s*"((?:[^"\\]|\\.)*)"/g)].map(
          (match) => JSON.parse(`"${match[1]}"`) as string,
        ),
      ),
    ),
  ].sort();

  it('is only used with %s, %d and %v verbs in the policies', () => {
    expect(formats.length).toBeGreaterThan(20);
    for (const format of formats) expect(format.match(/%[^sdv]/g) ?? []).toStrictEqual([]);
  });

  it('of the SDK prints what OPA prints for every format the policies use (strings for %s, integers for %d)', () => {
    const sdk = createRequire(import.meta.url)(
      join(dirname(createRequire(import.meta.url).resolve('@open-policy-agent/opa-wasm')), 'builtins', 'index.js'),
    ) as { sprintf: (format: string, args: unknown[]) => string };
    expect(sdkBuiltinNames()).toContain('sprintf');
    const cases = formats.map((format) => ({
      format,
      args: [...format.matchAll(/%([sdv])/g)].map((match, index) => (match[1] === 'd' ? index + 2 : `arg-${index}`)),
    }));
    const query = `[${cases.map((c) => `sprintf(${JSON.stringify(c.format)}, ${JSON.stringify(c.args)})`).join(', ')}]`;
    const opa = JSON.parse(
      execFileSync(toolPath('opa'), ['eval', '-f', 'raw', query], { encoding: 'utf8' }),
    ) as string[];
    expect(cases.map((c) => sdk.sprintf(c.format, c.args))).toStrictEqual(opa);
  });
});
