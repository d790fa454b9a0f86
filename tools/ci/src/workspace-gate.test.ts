// The `affected` job's entry point on a temp copy of the workspace: actionlint must run with shellcheck,
// or it silently skips every `run:` script.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceCopy, type WorkspaceCopy } from '@go-coffee/toolchain';
import { runCi } from './ci-cli';
import { CiError } from './ci-error';
import { shellcheckPath, workflowFiles } from './workspace-gate';

let repo: WorkspaceCopy;

async function ciWorkspace(base: string, head: string, env: NodeJS.ProcessEnv = process.env) {
  let out = '';
  let err = '';
  const code = await runCi(['workspace', '--base', base, '--head', head], {
    cwd: repo.root,
    env: { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
  });
  return { code, out, err };
}

beforeAll(() => {
  repo = createWorkspaceCopy();
}, 300_000);

afterAll(() => repo?.dispose());

describe('ci:workspace on a temp repository', () => {
  it('lints every workflow file', () => {
    expect(workflowFiles(repo.root)).toStrictEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/drift.yml',
      '.github/workflows/pull-request.yml',
    ]);
  });

  it('passes a change that touches no project, and fails one whose run: script shellcheck flags', async () => {
    const base = repo.git('rev-parse', 'HEAD').trim();
    appendFileSync(join(repo.root, 'docs/branch-protection.md'), '\nA sentence added by the workspace-gate test.\n');
    const clean = repo.commitAll('docs only');
    const passing = await ciWorkspace(base, clean);
    expect(passing.err).toBe('');
    expect(passing.code).toBe(0);
    expect(passing.out).toContain(`ci:workspace: ${clean.slice(0, 12)} is formatted`);

    // GIVEN an unquoted expansion in a run: script (shellcheck SC2086)
    const file = join(repo.root, '.github/workflows/ci.yml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'run: npm run ci:workspace -- --base "$BASE_SHA" --head "$HEAD_SHA"',
        'run: npm run ci:workspace -- --base $BASE_SHA --head "$HEAD_SHA"',
      ),
    );
    const flagged = repo.commitAll('unquoted variable in a run: script');
    const failing = await ciWorkspace(clean, flagged);
    expect(failing.code).toBe(1);
    expect(failing.out).toMatch(
      /\.github\/workflows\/ci\.yml:\d+:\d+: shellcheck reported issue in this script: SC2086/,
    );
    expect(failing.err).toContain('ci:workspace: 1 check(s) failed: actionlint (the findings are above)');
  }, 600_000);

  it('refuses to lint workflows without shellcheck instead of skipping the run: scripts', () => {
    expect(() => shellcheckPath({ PATH: '/nonexistent' })).toThrow(CiError);
    expect(() => shellcheckPath({ PATH: '/nonexistent' })).toThrow(
      'shellcheck not found on PATH: actionlint would skip every run: script; fix: install it (Debian/Ubuntu: apt-get install -y shellcheck; GitHub runner images ship it)',
    );
  });
});
