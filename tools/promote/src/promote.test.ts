// Real git, real render, real policy gate, on a throwaway copy of the workspace.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promote, PromotionError } from './promote';
import { readImageTags } from './image-versions-file';
import { createWorkspaceCopy, type WorkspaceCopy } from '@go-coffee/toolchain';

let repo: WorkspaceCopy;
const PROD_IMAGES = 'environments/images/prod.yaml';

beforeAll(() => {
  repo = createWorkspaceCopy();
  const file = join(repo.root, PROD_IMAGES);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^(api-gateway: .*)$/m, '$1 # pinned after INC-42'));
  // The committed tree must be what the sources render, as CI guarantees on main.
  const render = spawnSync('npm', ['run', '--silent', 'render'], {
    cwd: repo.root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (render.status !== 0) throw new Error(`render failed: ${render.stdout}${render.stderr}`);
  repo.commitAll('rendered base');
}, 300_000);

afterAll(() => repo?.dispose());

const refusal = async (promise: Promise<unknown>): Promise<PromotionError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PromotionError) return error;
    throw error;
  }
  throw new Error('expected the promotion to be refused');
};

describe('promote', () => {
  it('commits the staging tag of one service to prod on a new branch, comments kept, checkout untouched', async () => {
    const head = repo.git('rev-parse', 'HEAD').trim();
    const staging = readImageTags(
      readFileSync(join(repo.root, 'environments/images/staging.yaml'), 'utf8'),
      'staging.yaml',
    );
    const tag = staging.get('api-gateway')!;

    const result = await promote({ cwd: repo.root, from: 'staging', to: 'prod', services: ['api-gateway'] });

    expect(result.branch).toBe(`promote/prod/api-gateway-${tag}`);
    expect(repo.git('rev-parse', `${result.branch}^`).trim()).toBe(head);
    const files = repo.git('diff', '--name-only', head, result.branch).trim().split('\n');
    expect(files).toContain(PROD_IMAGES);
    expect(
      files
        .filter((path) => path.startsWith('gitops/'))
        .every((path) =>
          // the Deployment, and the cluster's picture whose images table names the tag
          /^gitops\/prod-[^/]+\/(core-services\/deployment-go-coffee-api-gateway\.yaml|README\.md)$/.test(path),
        ),
    ).toBe(true);
    expect(files.some((path) => path.startsWith('gitops/prod-'))).toBe(true);
    const promoted = repo.git('show', `${result.branch}:${PROD_IMAGES}`);
    expect(promoted).toContain(`api-gateway: ${tag} # pinned after INC-42\n`);
    expect(
      promoted.startsWith(
        '# yaml-language-server: $schema=../schema/images.schema.json\n# Image tag per service in prod.',
      ),
    ).toBe(true);
    expect(repo.git('log', '-1', '--format=%s', result.branch).trim()).toBe(
      `promote(prod): api-gateway ${tag} from staging`,
    );
    // The caller's checkout is exactly as it was.
    expect(repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
    expect(repo.git('status', '--porcelain').trim()).toBe('');
    expect(repo.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 300_000);

  it('refuses a tag the source environment does not pin', async () => {
    const error = await refusal(
      promote({ cwd: repo.root, from: 'staging', to: 'prod', services: ['api-gateway'], tag: '9.9.9' }),
    );
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(
      /^staging does not run api-gateway:9\.9\.9 \(environments\/images\/staging\.yaml pins /,
    );
  });

  it('refuses an image the source environment pins but does not run (its tree was not rendered)', async () => {
    const file = join(repo.root, 'environments/images/staging.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^kitchen-service: .*$/m, 'kitchen-service: 7.7.7'));
    repo.commitAll('staging: kitchen-service 7.7.7 without a render');
    try {
      const error = await refusal(
        promote({ cwd: repo.root, from: 'staging', to: 'prod', services: ['kitchen-service'] }),
      );
      expect(error.exitCode).toBe(1);
      expect(error.message).toContain(
        'staging does not run kitchen-service:7.7.7: no container image ending in /kitchen-service:7.7.7 under gitops/staging-*/',
      );
      expect(repo.git('branch', '--list', 'promote/*').trim()).not.toContain('kitchen-service');
    } finally {
      repo.git('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  it('refuses --all when the promoted images fail a policy in the target, and leaves no branch', async () => {
    mkdirSync(join(repo.root, 'policies/main/release_tags'), { recursive: true });
    writeFileSync(
      join(repo.root, 'policies/main/release_tags/release_tags.rego'),
      `# METADATA
# title: Released images only
# description: Release candidates stay in dev.
# custom:
#   id: TEST-RC-001
#   severity: high
#   remediation: Promote a released tag.
package main.release_tags

import data.lib.kubernetes

deny_release_candidate contains msg if {
	some container in kubernetes.all_containers(input)
	contains(container.image, "-rc.")
	msg := sprintf("%s: container %s runs release candidate %s; fix: promote a released tag", [kubernetes.identity(input), container.name, container.image])
}
`,
    );
    repo.commitAll('policy: no release candidates');
    const branchesBefore = repo.git('branch', '--list').trim();
    const error = await refusal(promote({ cwd: repo.root, from: 'dev', to: 'staging' }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(
      /^refused: promoting .*api-gateway:\S*-rc\.\S*.* to staging adds \d+ policy failure\(s\):/,
    );
    expect(error.message).toMatch(/gitops\/staging-[^:]+: .*runs release candidate/);
    expect(repo.git('branch', '--list').trim()).toBe(branchesBefore);
    expect(repo.git('status', '--porcelain').trim()).toBe('');
  }, 300_000);
});
