// Test support: a throwaway git repository holding a copy of this workspace's working tree (tracked and
// untracked-but-not-ignored files, so work not yet committed is included), with node_modules and .tools
// symlinked from the real checkout. Tests commit to it freely; the real checkout is never touched.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { linkInstalledTools } from '@go-coffee/git-workspace';
import { workspaceRoot } from '@go-coffee/cli';

export interface WorkspaceCopy {
  readonly root: string;
  git(...args: string[]): string;
  /** Stages everything and commits; returns the new commit's SHA. */
  commitAll(message: string): string;
  dispose(): void;
}

export interface WorkspaceCopyOptions {
  /** @default this workspace */
  readonly source?: string;
  /** Paths starting with one of these are not copied, e.g. `gitops/`. @default [] */
  readonly excludePrefixes?: readonly string[];
}

export function createWorkspaceCopy(options: WorkspaceCopyOptions = {}): WorkspaceCopy {
  const source = options.source ?? workspaceRoot();
  const excluded = options.excludePrefixes ?? [];
  const root = mkdtempSync(join(tmpdir(), 'workspace-copy-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: source,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (listed.status !== 0) throw new Error(`git ls-files in ${source}: ${listed.stderr}`);
  const files = listed.stdout.split('\0').filter((file) => file !== '' && !excluded.some((p) => file.startsWith(p)));
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    try {
      cpSync(join(source, file), join(root, file));
    } catch {
      // A file deleted by someone else between listing and copying: the copy simply lacks it.
    }
  }
  const git = (...args: string[]): string => {
    const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'workspace copy');
  git('config', 'user.email', 'workspace-copy@example.com');
  git('config', 'commit.gpgsign', 'false');
  appendFileSync(join(root, '.git', 'info', 'exclude'), 'node_modules\n.tools\n');
  linkInstalledTools(source, root);
  const commitAll = (message: string): string => {
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD').trim();
  };
  commitAll('workspace copy');
  return { root, git, commitAll, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
