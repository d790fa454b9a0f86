// Runs the real conftest (from .tools/bin) over the same policies and inputs as policy-check, the way the
// policy gate splits them: per-document packages in conftest's default mode, `combined.*` packages with
// --combine. Used by the parity tests and the benchmark. conftest gets a copy of the policy sources without
// the *_test.rego files, because those are not compiled into the WASM (conftest would report their packages
// as extra, empty namespaces).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolPath } from '@go-coffee/toolchain';
import { isCombinedNamespace } from '../src/namespace-selection';

export interface ConftestRun {
  readonly results: ConftestJsonResult[];
  readonly exitCode: number;
  readonly seconds: number;
}

export interface ConftestJsonResult {
  filename: string;
  namespace: string;
  successes: number;
  warnings?: { msg: string; metadata?: Record<string, unknown> }[];
  failures?: { msg: string; metadata?: Record<string, unknown> }[];
  exceptions?: { msg: string; metadata?: Record<string, unknown> }[];
}

/** A temporary copy of the policy folder's Rego sources, tests and samples left out. Remove with `dispose`. */
export function conftestPolicyCopy(policyDir: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'policy-check-conftest-'));
  const copy = (from: string, to: string): void => {
    for (const name of readdirSync(from)) {
      const source = join(from, name);
      if (statSync(source).isDirectory()) {
        if (name !== 'samples') copy(source, join(to, name));
      } else if (name.endsWith('.rego') && !name.endsWith('_test.rego')) {
        cpSync(source, join(to, name));
      }
    }
  };
  copy(policyDir, dir);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function conftest(args: string[], cwd: string): Promise<{ stdout: string; code: number }> {
  const binary = toolPath('conftest');
  return new Promise((resolve, reject) => {
    execFile(binary, args, { cwd, maxBuffer: 1024 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (code !== 0 && code !== 1 && code !== 2)
        reject(new Error(`conftest ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ stdout, code });
    });
  });
}

export interface ConftestRunOptions {
  readonly cwd: string;
  /** Rego sources without tests (see conftestPolicyCopy). */
  readonly policyDir: string;
  readonly dataFile: string;
  readonly namespaces: readonly string[];
  readonly paths: readonly string[];
  readonly failOnWarn?: boolean;
}

/** Both conftest invocations; results concatenated, exit code the worse of the two. */
export async function runConftest(options: ConftestRunOptions): Promise<ConftestRun> {
  // Explicit flags, --all-namespaces=false included: conftest would otherwise take them from the
  // conftest.toml of its working directory.
  const common = [
    'test',
    '--no-color',
    '-o',
    'json',
    '--all-namespaces=false',
    '-p',
    options.policyDir,
    '-d',
    options.dataFile,
  ];
  if (options.failOnWarn) common.push('--fail-on-warn');
  const perDocument = options.namespaces.filter((namespace) => !isCombinedNamespace(namespace));
  const combined = options.namespaces.filter(isCombinedNamespace);
  const started = performance.now();
  const runs = await Promise.all(
    [
      perDocument.length > 0
        ? [...common, ...perDocument.flatMap((namespace) => ['-n', namespace]), ...options.paths]
        : undefined,
      combined.length > 0
        ? [...common, '--combine', ...combined.flatMap((namespace) => ['-n', namespace]), ...options.paths]
        : undefined,
    ]
      .filter((args): args is string[] => args !== undefined)
      .map((args) => conftest(args, options.cwd)),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    results: runs.flatMap((run) => JSON.parse(run.stdout) as ConftestJsonResult[]),
    exitCode: Math.max(...runs.map((run) => run.code)),
    seconds,
  };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Order-free form of conftest JSON results: conftest orders files and rules by map iteration. */
export function normalizeResults(results: readonly ConftestJsonResult[]): Record<string, unknown> {
  const sortedItems = (items: ConftestJsonResult['failures']) => (items ?? []).map(canonicalJson).sort();
  const normalized: Record<string, unknown> = {};
  for (const result of results) {
    normalized[`${result.filename} :: ${result.namespace}`] = {
      successes: result.successes,
      failures: sortedItems(result.failures),
      warnings: sortedItems(result.warnings),
      exceptions: sortedItems(result.exceptions),
    };
  }
  return Object.fromEntries(Object.entries(normalized).sort(([a], [b]) => a.localeCompare(b)));
}
