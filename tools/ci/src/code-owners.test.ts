// Branch protection requires a code owner's review; that protects the gate only if CODEOWNERS exists
// where GitHub reads it and gives every part of the gate owners. GIVEN the committed files, THEN they agree.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';
import { CODEOWNERS_LOCATIONS, GATE_PATHS, ownersOf, parseCodeOwners } from './code-owners';

const root = workspaceRoot();
const tracked = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .stdout.split('\n')
  .filter(Boolean);
const protection = JSON.parse(readFileSync(join(root, '.github/branch-protection/main.json'), 'utf8')) as {
  required_pull_request_reviews: { require_code_owner_reviews: boolean; required_approving_review_count: number };
  enforce_admins: boolean;
};
const present = CODEOWNERS_LOCATIONS.filter((location) => existsSync(join(root, location)));
const rules = parseCodeOwners(readFileSync(join(root, present[0] ?? CODEOWNERS_LOCATIONS[0]), 'utf8'));

describe('CODEOWNERS and branch protection', () => {
  it('requires code-owner review, for administrators too, and has exactly one CODEOWNERS where GitHub reads it', () => {
    expect(protection.required_pull_request_reviews.require_code_owner_reviews).toBe(true);
    expect(protection.required_pull_request_reviews.required_approving_review_count).toBeGreaterThanOrEqual(1);
    expect(protection.enforce_admins).toBe(true);
    // GitHub uses the first file found; a second one would be silently ignored.
    expect(present).toStrictEqual(['.github/CODEOWNERS']);
  });

  it('gives owners to every file of the gate, CODEOWNERS and branch protection included', () => {
    const gateFiles = tracked.filter((path) =>
      GATE_PATHS.some((gate) => (gate.endsWith('/') ? path.startsWith(gate) : path === gate)),
    );
    for (const gate of GATE_PATHS)
      expect(
        gateFiles.some((path) => path.startsWith(gate)),
        gate,
      ).toBe(true);
    const unowned = gateFiles.filter((path) => ownersOf(rules, path).length === 0);
    expect(unowned).toStrictEqual([]);
    expect(ownersOf(rules, '.github/CODEOWNERS')).not.toStrictEqual([]);
    expect(ownersOf(rules, '.github/branch-protection/main.json')).not.toStrictEqual([]);
  });

  it('has no rule that matches nothing and no owner that is not an @org/team or @user', () => {
    const dead = rules.filter((rule) => !tracked.some((path) => rule.matches(path))).map((rule) => rule.pattern);
    expect(dead).toStrictEqual([]);
    for (const rule of rules) {
      expect(rule.owners.length, `line ${rule.line}`).toBeGreaterThan(0);
      for (const owner of rule.owners) expect(owner).toMatch(/^@[A-Za-z0-9-]+(\/[A-Za-z0-9_.-]+)?$/);
    }
  });

  it('documents every owning team in docs/branch-protection.md, where they are configured', () => {
    const docs = readFileSync(join(root, 'docs/branch-protection.md'), 'utf8');
    const teams = [...new Set(rules.flatMap((rule) => rule.owners))].sort();
    for (const team of teams) expect(docs, team).toContain(`\`${team}\``);
  });

  it('reads patterns as GitHub does: anchored folders, one-level globs, the last matching rule wins', () => {
    const sample = parseCodeOwners(
      '* @o/all\n/docs/* @o/docs\napps/*/project.json @o/apps\nbuild/ @o/build\n/tools/ci/ @o/ci # trailing comment\n',
    );
    expect(ownersOf(sample, 'README.md')).toStrictEqual(['@o/all']);
    expect(ownersOf(sample, 'docs/guide.md')).toStrictEqual(['@o/docs']);
    expect(ownersOf(sample, 'docs/deep/guide.md')).toStrictEqual(['@o/all']);
    expect(ownersOf(sample, 'apps/web/project.json')).toStrictEqual(['@o/apps']);
    expect(ownersOf(sample, 'apps/web/src/project.json')).toStrictEqual(['@o/all']);
    expect(ownersOf(sample, 'src/build/out.js')).toStrictEqual(['@o/build']);
    expect(ownersOf(sample, 'tools/ci/src/main.ts')).toStrictEqual(['@o/ci']);
    expect(ownersOf(sample, 'x/tools/ci/main.ts')).toStrictEqual(['@o/all']);
  });
});
