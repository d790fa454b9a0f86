// Proves the render targets' project graph on a throw-away copy of the workspace: a change to one app's
// source affects only that app's render (core-services no longer drags the platform area along); a change to
// an environment file affects every area's render.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceCopy, type WorkspaceCopy } from '@go-coffee/toolchain';

let copy: WorkspaceCopy;
let clone: string;

function affectedRenderProjects(): string[] {
  const out = execFileSync(
    'npx',
    ['nx', 'show', 'projects', '--affected', '--base=HEAD', '--with-target', 'render', '--json'],
    {
      cwd: clone,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      encoding: 'utf8',
    },
  );
  return (JSON.parse(out) as string[]).sort();
}

const git = (...args: string[]): string => copy.git(...args);

beforeAll(() => {
  // Every file git would commit (tracked or new, not ignored), except the generated tree.
  copy = createWorkspaceCopy({ excludePrefixes: ['gitops/'] });
  clone = copy.root;
}, 120_000);

afterAll(() => copy.dispose());

describe('nx affected for render targets', () => {
  it('re-renders only the platform area when only the platform app changes', () => {
    appendFileSync(join(clone, 'apps/platform/src/app-projects.ts'), '// touched\n');
    expect(affectedRenderProjects()).toStrictEqual(['platform']);
    git('checkout', '--', 'apps/platform/src/app-projects.ts');
  }, 120_000);

  it('re-renders only core-services when one core-services source file changes, not the platform area', () => {
    // Each area renders its own child Application, so the app of apps no longer depends on every area.
    appendFileSync(join(clone, 'apps/core-services/src/core-service-catalog.ts'), '// touched\n');
    expect(affectedRenderProjects()).toStrictEqual(['core-services']);
    git('checkout', '--', 'apps/core-services/src/core-service-catalog.ts');
  }, 120_000);

  it('re-renders every area when an environment file changes', () => {
    appendFileSync(join(clone, 'environments/dev.yaml'), '# touched\n');
    expect(affectedRenderProjects()).toStrictEqual([
      'core-services',
      'data-services',
      'event-functions',
      'observability',
      'platform',
    ]);
    git('checkout', '--', 'environments/dev.yaml');
  }, 120_000);
});
