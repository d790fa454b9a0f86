// Proves the render targets' project graph on a throw-away copy of the workspace: a change to one app's
// source affects only that app's render (core-services no longer drags the platform area along); a change to
// an environment file affects every area's render.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const workspaceRoot = resolve(import.meta.dirname, '../../..');
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

const git = (...args: string[]): string => execFileSync('git', args, { cwd: clone, encoding: 'utf8' });

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), 'affected-'));
  // Every file git would commit (tracked or new, not ignored), except the generated tree.
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: workspaceRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('gitops/'));
  for (const file of files) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    try {
      cpSync(join(workspaceRoot, file), join(clone, file));
    } catch {
      // A file deleted in the working tree but still in the index: nothing to copy.
    }
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(clone, 'node_modules'), 'dir');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'snapshot');
}, 120_000);

afterAll(() => rmSync(clone, { recursive: true, force: true }));

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
