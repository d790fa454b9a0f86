// The second evaluation thread changes nothing but time: the same report, the same first error. Runs the
// bin's own bundle (the launcher's esbuild output, a module a worker thread can start) as the worker, the
// real WASM of the policies, and compares with everything evaluated on the calling thread.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';
import { cachedBundleFolder } from '@go-coffee/cli/test-support';
import { buildPolicyBundle } from './build-policy-bundle';
import { EvaluationWorker } from './evaluation-worker';
import { loadPolicyBundle } from './policy-bundle';
import { PolicyChecker } from './policy-check';
import { PolicyCheckError } from './policy-check-error';
import { WasmPolicy } from './wasm-policy';
import { writeSyntheticTree } from '../test-support/synthetic-tree';

const root = workspaceRoot();
const work = mkdtempSync(join(tmpdir(), 'policy-check-worker-'));
const bundlePath = join(work, 'bundle', 'bundle.tar.gz');
const boomBundlePath = join(work, 'boom-bundle', 'bundle.tar.gz');
let bundleModule: URL;

/** A worker script that serves evaluations from the bin's bundle and leaves a mark that it started. */
function markedWorker(marker: string): URL {
  const file = join(work, `worker-${Math.random().toString(16).slice(2)}.mjs`);
  writeFileSync(
    file,
    `import ${JSON.stringify(bundleModule.href)};\nimport { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'started');\n`,
  );
  return pathToFileURL(file);
}

beforeAll(() => {
  buildPolicyBundle({ outDir: join(work, 'bundle') });
  // Policies whose evaluation fails at run time for kind Boom (two values for one complete rule).
  const boom = join(work, 'boom-policies');
  cpSync(join(root, 'policies'), boom, { recursive: true });
  mkdirSync(join(boom, 'main', 'boom'));
  writeFileSync(
    join(boom, 'main', 'boom', 'boom.rego'),
    'package main.boom\n\ndeny contains "boom" if value == 3\n\nvalue := 1 if input.kind == "Boom"\n\nvalue := 2 if input.kind == "Boom"\n',
  );
  buildPolicyBundle({ policyDir: boom, outDir: join(work, 'boom-bundle') });
  // The launcher writes the bin's bundle on first use.
  const help = spawnSync(process.execPath, [join(root, 'tools/policy-check/bin/policy-check.mjs'), '--help']);
  expect(help.status).toBe(0);
  const folder = cachedBundleFolder('policy-check');
  expect(folder).toBeDefined();
  bundleModule = pathToFileURL(join(folder!, 'main.mjs'));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function tree(objects: number, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(work, 'tree-'));
  writeSyntheticTree(join(dir, 'gitops'), objects);
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return join(dir, 'gitops');
}

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (error instanceof PolicyCheckError) return `${error.reason}: ${error.message}`;
    throw error;
  }
}

describe('EvaluationWorker', () => {
  it('answers every input as the calling thread evaluates it, in order, across batches', () => {
    const bundle = loadPolicyBundle(bundlePath);
    const policy = new WasmPolicy(bundle.wasm, bundle.data, { source: bundlePath });
    const entrypoint = bundle.verdictEntrypoints.get('main')!;
    const inputs = Array.from({ length: 150 }, (_, index) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `p${index}`, namespace: 'go-coffee' },
        spec: { containers: [{ name: 'app', image: index % 3 === 0 ? 'nginx:latest' : 'ghcr.io/go-coffee/a:1.0.0' }] },
      }),
    );
    const worker = new EvaluationWorker({
      script: bundleModule,
      wasm: bundle.wasm,
      data: bundle.data,
      source: bundlePath,
      batchSize: 16,
    });
    try {
      const tickets = inputs.map((input) => worker.submit(entrypoint, input));
      const answers = tickets.map((ticket) => worker.take(ticket));
      expect(
        answers.map((answer) => ('resultJson' in answer ? WasmPolicy.resultValue(answer.resultJson) : answer)),
      ).toStrictEqual(inputs.map((input) => policy.evaluateJson(entrypoint, input)));
      expect(JSON.stringify(answers)).toContain('latest');
    } finally {
      worker.close();
    }
  });

  it('fails instead of waiting for ever when the worker never answers', () => {
    const silent = join(work, 'silent.mjs');
    writeFileSync(silent, '// starts, serves nothing\n');
    const bundle = loadPolicyBundle(bundlePath);
    const worker = new EvaluationWorker({
      script: pathToFileURL(silent),
      wasm: bundle.wasm,
      data: bundle.data,
      source: bundlePath,
      stallMs: 1_500,
    });
    try {
      const ticket = worker.submit('x', '{}');
      expect(() => worker.take(ticket)).toThrow('the evaluation worker finished no evaluation in 2 s');
    } finally {
      worker.close();
    }
  });
});

describe('policy-check with an evaluation worker', () => {
  it('reports exactly what one thread reports, failures and cross-document findings included', () => {
    // Each cross-document policy's disallowed samples in a cluster folder of their own.
    const samples = readdirSync(join(root, 'policies', 'combined'), { recursive: true })
      .map(String)
      .filter((path) => path.endsWith('disallowed.yaml'))
      .sort();
    const dir = tree(
      400,
      Object.fromEntries(
        samples.map((path, index) => [
          `gitops/planted-${index}/area/objects.yaml`,
          readFileSync(join(root, 'policies', 'combined', path), 'utf8'),
        ]),
      ),
    );
    const marker = join(work, 'started-1');
    const alone = new PolicyChecker({ bundlePath, allNamespaces: true }).check([dir]);
    const withWorker = new PolicyChecker({
      bundlePath,
      allNamespaces: true,
      evaluationWorker: markedWorker(marker),
      evaluationWorkerMinFiles: 0,
    }).check([dir]);
    expect(existsSync(marker)).toBe(true);
    expect(alone.totals.failures).toBeGreaterThan(0);
    expect(alone.results.some((result) => result.filename === 'Combined' && result.failures.length > 0)).toBe(true);
    expect(withWorker.results).toStrictEqual(alone.results);
    expect(withWorker.exitCode).toBe(alone.exitCode);
  });

  it('reports the first evaluation error in file order, as one thread does', () => {
    const boom = (name: string) => `apiVersion: v1\nkind: Boom\nmetadata:\n  name: ${name}\n  namespace: go-coffee\n`;
    const dir = tree(300, {
      'gitops/a-first/core/boom-1.yaml': boom('one'),
      'gitops/z-last/core/boom-2.yaml': boom('two'),
    });
    const marker = join(work, 'started-2');
    const alone = outcome(() => new PolicyChecker({ bundlePath: boomBundlePath, allNamespaces: true }).check([dir]));
    const withWorker = outcome(() =>
      new PolicyChecker({
        bundlePath: boomBundlePath,
        allNamespaces: true,
        evaluationWorker: markedWorker(marker),
        evaluationWorkerMinFiles: 0,
      }).check([dir]),
    );
    expect(existsSync(marker)).toBe(true);
    expect(alone).toMatch(/^evaluationError: .*a-first\/core\/boom-1\.yaml:1: policy evaluation failed: /);
    expect(withWorker).toBe(alone);
  });

  it('stays on one thread for a small tree', () => {
    const dir = tree(20);
    const marker = join(work, 'started-3');
    new PolicyChecker({ bundlePath, allNamespaces: true, evaluationWorker: markedWorker(marker) }).check([dir]);
    expect(existsSync(marker)).toBe(false);
  });
});
