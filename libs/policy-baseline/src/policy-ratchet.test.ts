import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolPath } from '@go-coffee/toolchain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BaselineError } from './baseline-tree';
import type { PolicyResultSet } from './policy-findings';
import { ratchetAgainstBaseline } from './policy-ratchet';

// A real conftest run stands in for policy-check: both print conftest's JSON, which is all the ratchet reads.
const POLICY = `package main

import rego.v1

deny contains msg if {
	some container in input.spec.containers
	container.securityContext.privileged == true
	msg := sprintf("Pod %s: container %s is privileged", [input.metadata.name, container.name])
}
`;

const pod = (name: string, privileged: boolean) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: ghcr.io/go-coffee/x:1.0.0\n      securityContext:\n        privileged: ${privileged}\n`;

function run(cwd: string, command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0 && command === 'git') throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

let repo: string;
let policyDir: string;
const conftest =
  (cwd: string, ...flags: string[]) =>
  (paths: readonly string[]) =>
    JSON.parse(
      run(cwd, toolPath('conftest'), [
        'test',
        '--no-color',
        '--output',
        'json',
        '--policy',
        policyDir,
        ...flags,
        ...paths,
      ]),
    ) as PolicyResultSet[];
// The base side: the same relative paths, read from the copy of the base ref standing in for `repo`.
const conftestAtBase =
  (...flags: string[]) =>
  (paths: readonly string[], locate: (path: string) => string) =>
    conftest(locate('.'), ...flags)(paths);

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'ratchet-repo-'));
  policyDir = mkdtempSync(join(tmpdir(), 'ratchet-policy-'));
  writeFileSync(join(policyDir, 'privileged.rego'), POLICY);
  mkdirSync(join(repo, 'gitops', 'c1'), { recursive: true });
  writeFileSync(join(repo, 'gitops', 'c1', 'pod-old.yaml'), pod('old', true));
  writeFileSync(join(repo, 'gitops', 'c1', 'pod-fine.yaml'), pod('fine', false));
  run(repo, 'git', ['init', '-q', '-b', 'main']);
  run(repo, 'git', ['add', '-A']);
  run(repo, 'git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base']);
});

afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(policyDir, { recursive: true, force: true });
});

describe('ratchetAgainstBaseline', () => {
  it('fails only on the violation the change adds, not on the one the base already had', () => {
    writeFileSync(join(repo, 'gitops', 'c1', 'pod-fine.yaml'), pod('fine', true));
    const current = conftest(repo)(['gitops']);
    expect(current.flatMap((r) => r.failures ?? [])).toHaveLength(2);

    const outcome = ratchetAgainstBaseline({
      ref: 'main',
      paths: ['gitops'],
      current,
      check: conftestAtBase(),
      cwd: repo,
    });

    expect(outcome.exitCode).toBe(1);
    expect(outcome.introduced.map((f) => [f.file, f.msg])).toStrictEqual([
      ['gitops/c1/pod-fine.yaml', 'Pod fine: container app is privileged'],
    ]);
    expect(outcome.preExisting.map((f) => f.file)).toStrictEqual(['gitops/c1/pod-old.yaml']);
    expect(outcome.results.flatMap((r) => (r.failures ?? []).map((f) => f.msg))).toStrictEqual([
      'Pod fine: container app is privileged',
    ]);
    expect(outcome.summary).toMatch(
      /^ratchet against main \([0-9a-f]{12}\): 1 new failure, 0 new warnings, 1 pre-existing ignored, 0 fixed$/,
    );
  });

  it('passes when the only violations already exist at the base, and counts the fixed ones', () => {
    writeFileSync(join(repo, 'gitops', 'c1', 'pod-second.yaml'), pod('second', false));
    const current = conftest(repo)(['gitops']);
    const outcome = ratchetAgainstBaseline({
      ref: 'main',
      paths: ['gitops'],
      current,
      check: conftestAtBase(),
      cwd: repo,
    });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.introduced).toStrictEqual([]);
    expect(outcome.preExisting).toHaveLength(1);

    writeFileSync(join(repo, 'gitops', 'c1', 'pod-old.yaml'), pod('old', false));
    const fixed = ratchetAgainstBaseline({
      ref: 'main',
      paths: ['gitops'],
      current: conftest(repo)(['gitops']),
      check: conftestAtBase(),
      cwd: repo,
    });
    expect(fixed.resolved.map((f) => f.file)).toStrictEqual(['gitops/c1/pod-old.yaml']);
    expect(fixed.exitCode).toBe(0);
  });

  it('matches a pre-existing cross-document violation whose message quotes the file path', () => {
    // conftest --combine: input is [{path, contents}], and the message names the path as the run spelled it.
    writeFileSync(
      join(policyDir, 'privileged.rego'),
      `package main

import rego.v1

deny contains msg if {
\tsome document in input
\tsome container in document.contents.spec.containers
\tcontainer.securityContext.privileged == true
\tmsg := sprintf("%s: container %s is privileged", [document.path, container.name])
}
`,
    );
    writeFileSync(join(repo, 'gitops', 'c1', 'pod-second.yaml'), pod('second', false));
    const current = conftest(repo, '--combine')(['gitops']);
    expect(current.flatMap((r) => (r.failures ?? []).map((f) => f.msg))).toStrictEqual([
      'gitops/c1/pod-old.yaml: container app is privileged',
    ]);
    const outcome = ratchetAgainstBaseline({
      ref: 'main',
      paths: ['gitops'],
      current,
      check: conftestAtBase('--combine'),
      cwd: repo,
    });
    expect(outcome.introduced).toStrictEqual([]);
    expect(outcome.preExisting.map((f) => f.msg)).toStrictEqual([
      'gitops/c1/pod-old.yaml: container app is privileged',
    ]);
    expect(outcome.exitCode).toBe(0);
  });

  it('treats every violation under a path the base does not have as new', () => {
    mkdirSync(join(repo, 'gitops', 'c2'));
    writeFileSync(join(repo, 'gitops', 'c2', 'pod-new.yaml'), pod('new', true));
    let baseChecks = 0;
    const check = (paths: readonly string[], locate: (path: string) => string) => {
      baseChecks++;
      return conftestAtBase()(paths, locate);
    };
    const outcome = ratchetAgainstBaseline({
      ref: 'main',
      paths: ['gitops/c2'],
      current: conftest(repo)(['gitops/c2']),
      check,
      cwd: repo,
    });
    expect(baseChecks).toBe(0);
    expect(outcome.introduced.map((f) => f.file)).toStrictEqual(['gitops/c2/pod-new.yaml']);
    expect(outcome.exitCode).toBe(1);
  });

  it('rejects an unknown ref with the fix for shallow clones', () => {
    expect(() =>
      ratchetAgainstBaseline({
        ref: 'no-such-branch',
        paths: ['gitops'],
        current: [],
        check: conftestAtBase(),
        cwd: repo,
      }),
    ).toThrow(BaselineError);
    expect(() =>
      ratchetAgainstBaseline({
        ref: 'no-such-branch',
        paths: ['gitops'],
        current: [],
        check: conftestAtBase(),
        cwd: repo,
      }),
    ).toThrow(/unknown git ref "no-such-branch".*fetch-depth: 0/);
  });

  it('counts warnings as gating only with failOnWarn, using conftest exit codes', () => {
    writeFileSync(join(policyDir, 'privileged.rego'), POLICY.replace('deny contains', 'warn contains'));
    writeFileSync(join(repo, 'gitops', 'c1', 'pod-fine.yaml'), pod('fine', true));
    const current = conftest(repo)(['gitops']);
    const lenient = ratchetAgainstBaseline({
      ref: 'main',
      paths: ['gitops'],
      current,
      check: conftestAtBase(),
      cwd: repo,
    });
    const strict = ratchetAgainstBaseline({
      ref: 'main',
      paths: ['gitops'],
      current,
      check: conftestAtBase(),
      cwd: repo,
      failOnWarn: true,
    });
    expect([lenient.exitCode, strict.exitCode]).toStrictEqual([0, 1]);
    expect(strict.introduced.map((f) => [f.kind, f.file])).toStrictEqual([['warning', 'gitops/c1/pod-fine.yaml']]);
  });
});
