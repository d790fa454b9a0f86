// Real git: a temporary repository, a linked worktree of its base commit, the promotion committed there.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addLinkedWorktree, type LinkedWorktree } from '@go-coffee/git-workspace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitPromotion, promotionBranch } from './commit-promotion';
import type { PromotionPlan } from './plan-promotion';
import { PromotionError } from './promotion-error';

let repo: string;
let worktree: LinkedWorktree;
let base: string;
const git = (cwd: string, ...args: string[]) => {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
};
const plan: PromotionPlan = {
  from: 'staging',
  to: 'prod',
  named: true,
  updates: new Map([['api', '1.4.0']]),
  promoted: new Map([['api', ['1.3.0', '1.4.0']]]),
};

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'commit-promotion-'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 't');
  git(repo, 'config', 'user.email', 't@example.com');
  mkdirSync(join(repo, 'environments', 'images'), { recursive: true });
  mkdirSync(join(repo, 'gitops', 'prod-aws'), { recursive: true });
  writeFileSync(join(repo, 'environments/images/prod.yaml'), 'api: 1.3.0\n');
  writeFileSync(join(repo, 'gitops/prod-aws/deployment-api.yaml'), 'image: x/api:1.3.0\n');
  writeFileSync(join(repo, 'README.md'), 'x\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  base = git(repo, 'rev-parse', 'HEAD');
  worktree = addLinkedWorktree(repo, base);
  writeFileSync(join(worktree.path, 'environments/images/prod.yaml'), 'api: 1.4.0\n');
  writeFileSync(join(worktree.path, 'gitops/prod-aws/deployment-api.yaml'), 'image: x/api:1.4.0\n');
  writeFileSync(join(worktree.path, 'README.md'), 'not part of a promotion\n');
});
afterEach(() => {
  worktree.dispose();
  rmSync(repo, { recursive: true, force: true });
});

describe('commitPromotion', () => {
  it('commits only the images file and gitops/ on a new branch off the base, the caller’s checkout untouched', () => {
    const branch = promotionBranch(plan, base);
    expect(branch).toBe('promote/prod/api-1.4.0');
    const committed = commitPromotion(repo, worktree.path, plan, branch);
    expect(committed.changedFiles).toStrictEqual([
      'environments/images/prod.yaml',
      'gitops/prod-aws/deployment-api.yaml',
    ]);
    expect(git(repo, 'rev-parse', branch)).toBe(committed.commit);
    expect(git(repo, 'rev-parse', `${branch}^`)).toBe(base);
    expect(git(repo, 'diff', '--name-only', base, branch).split('\n')).toStrictEqual(committed.changedFiles);
    expect(git(repo, 'log', '-1', '--format=%B', branch)).toBe(
      'promote(prod): api 1.4.0 from staging\n\n- api: 1.3.0 → 1.4.0\n\n' +
        'Rendered with npm run render -- --env prod; policy gate passed for prod.',
    );
    expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('refuses (2) a branch that already exists and commits nothing', () => {
    git(repo, 'branch', 'promote/prod/api-1.4.0');
    let error: unknown;
    try {
      commitPromotion(repo, worktree.path, plan, 'promote/prod/api-1.4.0');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PromotionError);
    expect([(error as PromotionError).exitCode, (error as PromotionError).message]).toStrictEqual([
      2,
      'branch promote/prod/api-1.4.0 already exists; fix: delete it or pass --branch <name>',
    ]);
    expect(git(repo, 'rev-parse', 'promote/prod/api-1.4.0')).toBe(base);
  });

  it('names a branch for several services after the source and the base commit', () => {
    const several: PromotionPlan = {
      ...plan,
      named: false,
      promoted: new Map([...plan.promoted, ['ui', ['3.0.0', '3.1.0']]]),
    };
    expect(promotionBranch(several, base)).toBe(`promote/prod/from-staging-${base.slice(0, 8)}`);
  });
});
