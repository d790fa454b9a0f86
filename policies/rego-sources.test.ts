// The one gate for the Rego sources in policies/ (`nx run policies:test`, so `npm test` and CI's affected
// test run it): the pinned OPA formats, strict-checks and tests them with a coverage floor, and the parts of
// the Rego style guide Regal would enforce are checked by hand (Regal is not in the toolchain): lines of at
// most 120 columns, package path = directory path, no `get_` prefixes. Each check is also run against a
// planted violation, so a check that silently stopped looking fails here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toolPath, workspaceRoot } from '@go-coffee/toolchain';

const root = workspaceRoot();
const policies = join(root, 'policies');
/**
 * Regal's line-length default. Regal counts a tab as one character; here it is four columns (opa fmt indents
 * with tabs), so a line also fits in 120 columns in an editor.
 */
const MAX_LINE_LENGTH = 120;
const TAB_WIDTH = 4;
const MIN_COVERAGE_PERCENT = 95;
/** Samples are YAML inputs and project.json is Nx's; neither is policy data for opa to load. */
const NOT_POLICY = ['--ignore', 'samples', '--ignore', '*.json'];
const SLOW = 240_000;

const opa = (args: string[], cwd = root) =>
  spawnSync(toolPath('opa', root), args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

function regoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.rego'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function longLines(dir: string): string[] {
  return regoFiles(dir).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => {
        const length = [...line.replaceAll('\t', ' '.repeat(TAB_WIDTH))].length;
        return length > MAX_LINE_LENGTH ? [`${relative(dir, file)}:${index + 1} is ${length} columns wide`] : [];
      }),
  );
}

/** policies/main/images/images.rego must be `package main.images` (tests may add `_test`). */
function packageMismatches(dir: string): string[] {
  return regoFiles(dir).flatMap((file) => {
    const declared = /^package (\S+)/m.exec(readFileSync(file, 'utf8'))?.[1] ?? '<none>';
    const expected = relative(dir, dirname(file)).split(sep).join('.');
    const allowed = file.endsWith('_test.rego') ? [expected, `${expected}_test`] : [expected];
    return allowed.includes(declared) ? [] : [`${relative(dir, file)}: package ${declared}, expected ${expected}`];
  });
}

/** Rules and functions named get_…: the style guide's "prefer nouns", since every rule already "gets". */
function getPrefixedRules(dir: string): string[] {
  return regoFiles(dir).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^(get_\w*)/gm)].map(([name]) => `${relative(dir, file)}: ${name}`),
  );
}

const scratch: string[] = [];
/** A throwaway policy folder holding `files`, for the planted violations. */
function plantedPolicies(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rego-sources-'));
  scratch.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function coverageRun(dir: string) {
  const run = opa(['test', '--timeout', '120s', '--coverage', '--format', 'json', ...NOT_POLICY, dir]);
  const report = run.stdout ? (JSON.parse(run.stdout) as { coverage: number; files: Record<string, object> }) : null;
  return { status: run.status, stderr: run.stderr, coverage: report?.coverage ?? 0 };
}

const UNDER_TESTED = {
  'main/thing/thing.rego':
    'package main.thing\n\ndeny contains "a" if input.a\n\nuntested(x) := y if {\n\ty := x + 1\n\ty > 2\n}\n',
  'main/thing/thing_test.rego':
    'package main.thing_test\n\nimport data.main.thing\n\ntest_a if thing.deny == {"a"} with input as {"a": true}\n',
};

describe('Rego sources in policies/', () => {
  it('are formatted as opa fmt formats them', () => {
    const result = opa(['fmt', '--list', '--fail', 'policies']);
    expect(result.stdout, 'fix: .tools/bin/opa fmt --write policies').toBe('');
    expect(result.status).toBe(0);

    const planted = plantedPolicies({
      'main/thing/thing.rego': 'package main.thing\ndeny contains "x" if {input.x}\n',
    });
    const unformatted = opa(['fmt', '--list', '--fail', planted]);
    expect(unformatted.stdout).toContain('thing.rego');
    expect(unformatted.status).not.toBe(0);
  });

  it('pass opa check --strict', () => {
    const result = opa(['check', '--strict', ...NOT_POLICY, 'policies']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);

    const planted = plantedPolicies({
      'main/thing/thing.rego': 'package main.thing\n\ndeny contains "x" if {\n\tunused := 1\n\tinput.x\n}\n',
    });
    const strict = opa(['check', '--strict', planted]);
    expect(strict.stderr).toMatch(/unused/);
    expect(strict.status).not.toBe(0);
  });

  it(
    `pass their opa tests and cover at least ${MIN_COVERAGE_PERCENT} % of the policy lines`,
    () => {
      const run = coverageRun('policies');
      expect(run.status, run.stderr).toBe(0);
      expect(run.coverage).toBeGreaterThanOrEqual(MIN_COVERAGE_PERCENT);

      const planted = coverageRun(plantedPolicies(UNDER_TESTED));
      expect(planted.status).toBe(0);
      expect(planted.coverage).toBeLessThan(MIN_COVERAGE_PERCENT);
    },
    SLOW,
  );

  it(`have no line over ${MAX_LINE_LENGTH} columns (a tab is ${TAB_WIDTH})`, () => {
    expect(regoFiles(policies).length).toBeGreaterThan(20);
    expect(longLines(policies), 'fix: break the line (sprintf arguments, object entries, concat)').toStrictEqual([]);

    const planted = plantedPolicies({
      'main/thing/thing.rego': `package main.thing\n\n# ${'x'.repeat(119)}\n\nrule if {\n\t# ${'x'.repeat(115)}\n}\n`,
    });
    expect(longLines(planted)).toStrictEqual([
      'main/thing/thing.rego:3 is 121 columns wide',
      'main/thing/thing.rego:6 is 121 columns wide',
    ]);
  });

  it('declare the package their directory names', () => {
    expect(packageMismatches(policies)).toStrictEqual([]);

    const planted = plantedPolicies({ 'main/thing/thing.rego': 'package main.other\n' });
    expect(packageMismatches(planted)).toStrictEqual([
      'main/thing/thing.rego: package main.other, expected main.thing',
    ]);
  });

  it('name no rule or function get_…', () => {
    expect(getPrefixedRules(policies)).toStrictEqual([]);

    const planted = plantedPolicies({ 'main/thing/thing.rego': 'package main.thing\n\nget_name(x) := x.name\n' });
    expect(getPrefixedRules(planted)).toStrictEqual(['main/thing/thing.rego: get_name']);
  });

  it('keep their data in policies/data.yaml', () => {
    const result = opa(['eval', '-f', 'raw', '-d', join('policies', 'data.yaml'), 'data.platform.allowed_registries']);
    expect(JSON.parse(result.stdout)).toStrictEqual(['ghcr.io/go-coffee/']);
  });
});
