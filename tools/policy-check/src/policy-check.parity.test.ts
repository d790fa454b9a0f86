// Parity with the real conftest: same failures, warnings, messages, counts and exit codes on every
// sample, on a synthetic tree, and on the committed gitops/ tree when it has been rendered.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';
import { buildPolicyBundle } from './build-policy-bundle';
import {
  conftestPolicyCopy,
  normalizeResults,
  runConftest,
  type ConftestJsonResult,
} from '../test-support/conftest-runner';
import { readInputFile } from './input-documents';
import { isCombinedNamespace } from './namespace-selection';
import { PolicyChecker } from './policy-check';
import { CONTROLS, SAMPLE_KINDS, SAMPLES_DIR, sampleTexts } from './pod-security-samples';
import { toConftestJson } from './report-formats';
import { sampleMismatches, sampleNamespace } from '../test-support/sample-expectations';
import { writeSyntheticTree } from '../test-support/synthetic-tree';

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
  }, 300_000);

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
      // conftest needs about 10 s for the rendered tree on a quiet machine, several times that under load.
    }, 300_000);
  }
});

describe('samples double as fixtures: each produces exactly the findings written in it', () => {
  const ruleOf = (query: unknown) => String(query).split('.').pop()!;

  for (const file of sampleFiles) {
    const namespace = sampleNamespace(file);
    const allowed = file.endsWith('/allowed.yaml');
    it(`${file}: ${allowed ? 'no failure' : 'exactly the expected rules and messages'} of ${namespace}`, () => {
      const input = readInputFile(file);
      const failures = checker
        .checkFiles([input])
        .results.filter((result) => result.namespace === namespace)
        .flatMap((result) => result.failures)
        .map((failure) => ({ rule: ruleOf(failure.metadata?.query), msg: failure.msg, line: failure.location.line }));
      const sample = {
        text: readFileSync(file, 'utf8'),
        documentLines: input.documents.map((document) => document.line),
        allowed,
        combined: combinedSample(file),
      };
      expect(sampleMismatches(sample, failures), file).toStrictEqual([]);
    });
  }
});

describe('main.pod_security samples', () => {
  it('cover every control of the policy on every pod-bearing kind, and are what the generator writes', () => {
    const rules = new Set(CONTROLS.flatMap((control) => control.expect.map(([rule]) => rule)));
    const policy = readFileSync(join(root, 'policies/main/pod_security/pod_security.rego'), 'utf8');
    const denyRules = new Set([...policy.matchAll(/^(deny_[a-z_]+) contains/gm)].map((match) => match[1]));
    expect([...rules].sort()).toStrictEqual([...denyRules].sort());
    // Each sample's level (which pod-security-admission.parity.test.ts checks on a real kube-apiserver) is the
    // lowest METADATA pss_level among the rules it expects.
    const levels = new Map(
      [...policy.matchAll(/^# {3}pss_level: (\w+)\n# {3}pss_control: .*\n(deny_\w+) contains/gm)].map((match) => [
        match[2],
        match[1],
      ]),
    );
    expect([...levels.keys()].sort()).toStrictEqual([...denyRules].sort());
    for (const control of CONTROLS) {
      const lowest = control.expect.some(([rule]) => levels.get(rule) === 'baseline') ? 'baseline' : 'restricted';
      expect(lowest, control.scenario).toBe(control.level);
    }
    for (const control of CONTROLS) {
      const texts = sampleTexts(control);
      for (const side of ['allowed', 'disallowed'] as const) {
        const path = join(root, SAMPLES_DIR, control.scenario, `${side}.yaml`);
        expect(
          readFileSync(path, 'utf8'),
          `${path} is stale: run tsx tools/policy-check/src/pod-security-samples.ts`,
        ).toBe(texts[side]);
        expect(readInputFile(path).documents).toHaveLength(SAMPLE_KINDS.length);
      }
    }
  });
});
