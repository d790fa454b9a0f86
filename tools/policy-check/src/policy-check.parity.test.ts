// Parity with the real conftest: same failures, warnings, messages, counts and exit codes on every
// sample, on a synthetic tree, and on the committed gitops/ tree when it has been rendered.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';
import { buildPolicyBundle } from './build-policy-bundle';
import { conftestPolicyCopy, normalizeResults, runConftest, type ConftestJsonResult } from './conftest-runner';
import { readInputFile } from './input-documents';
import { isCombinedNamespace } from './namespace-selection';
import { PolicyChecker } from './policy-check';
import { toConftestJson } from './report-formats';
import { writeSyntheticTree } from './synthetic-tree';

const root = workspaceRoot();
const work = mkdtempSync(join(tmpdir(), 'policy-check-parity-'));
let checker: PolicyChecker;
let policyCopy: { dir: string; dispose: () => void };

function samples(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...samples(path));
    else if (/\/samples\/[^/]+\/(allowed|disallowed)\.yaml$/.test(path)) found.push(relative(root, path));
  }
  return found;
}

const sampleFiles = samples(join(root, 'policies'));
const combinedSample = (file: string) => file.startsWith('policies/combined/');

beforeAll(() => {
  buildPolicyBundle({ outDir: join(work, 'bundle') });
  checker = new PolicyChecker({ bundlePath: join(work, 'bundle', 'bundle.tar.gz'), allNamespaces: true });
  policyCopy = conftestPolicyCopy(join(root, 'policies'));
}, 120_000);

afterAll(() => {
  policyCopy?.dispose();
  rmSync(work, { recursive: true, force: true });
});

const conftestOptions = (paths: string[]) => ({
  cwd: root,
  policyDir: policyCopy.dir,
  dataFile: join(root, 'policies', 'data.yaml'),
  namespaces: checker.namespaces,
  paths,
});

describe('policy-check and conftest agree', () => {
  it('on every sample: per-document results, and combined results of the cross-document samples', async () => {
    expect(sampleFiles.length).toBeGreaterThanOrEqual(30);
    const perDocument = await runConftest({
      ...conftestOptions(sampleFiles),
      namespaces: checker.namespaces.filter((namespace) => !isCombinedNamespace(namespace)),
    });
    const combined = await Promise.all(
      sampleFiles
        .filter(combinedSample)
        .map((file) =>
          runConftest({ ...conftestOptions([file]), namespaces: checker.namespaces.filter(isCombinedNamespace) }),
        ),
    );
    const ours: ConftestJsonResult[] = [];
    const theirsCombined: ConftestJsonResult[] = [];
    sampleFiles.forEach((file) => {
      const report = checker.checkFiles([readInputFile(file)]);
      const json = toConftestJson(report.results) as ConftestJsonResult[];
      ours.push(
        ...json
          .filter((result) => result.filename !== 'Combined' || combinedSample(file))
          .map((result) => (result.filename === 'Combined' ? { ...result, filename: `Combined ${file}` } : result)),
      );
    });
    sampleFiles.filter(combinedSample).forEach((file, index) => {
      theirsCombined.push(...combined[index]!.results.map((result) => ({ ...result, filename: `Combined ${file}` })));
    });
    expect(normalizeResults(ours)).toStrictEqual(normalizeResults([...perDocument.results, ...theirsCombined]));
  });

  const trees = [{ name: 'a synthetic tree of 400 objects', path: () => relative(root, join(work, 'tree')) }];
  if (existsSync(join(root, 'gitops'))) trees.push({ name: 'the committed gitops/ tree', path: () => 'gitops' });
  for (const tree of trees) {
    it(`on ${tree.name}: results, totals and exit code`, async () => {
      if (tree.path() !== 'gitops') writeSyntheticTree(join(work, 'tree'), 400);
      const report = checker.check([tree.path()]);
      const theirs = await runConftest(conftestOptions([tree.path()]));
      expect(normalizeResults(toConftestJson(report.results) as ConftestJsonResult[])).toStrictEqual(
        normalizeResults(theirs.results),
      );
      expect(report.exitCode).toBe(theirs.exitCode);
    });
  }
});

describe('samples double as fixtures', () => {
  for (const file of sampleFiles) {
    const namespace = file.split('/').slice(1, 3).join('.');
    const allowed = file.endsWith('/allowed.yaml');
    it(`${file} ${allowed ? 'passes' : 'fails'} ${namespace}`, () => {
      const report = checker.checkFiles([readInputFile(file)]);
      const failures = report.results
        .filter((result) => result.namespace === namespace)
        .flatMap((result) => result.failures.map((failure) => failure.msg));
      if (allowed) expect(failures).toStrictEqual([]);
      else expect(failures.length).toBeGreaterThan(0);
    });
  }
});
