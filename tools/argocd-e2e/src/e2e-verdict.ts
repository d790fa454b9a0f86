// How the vitest wrappers run an end-to-end script: a child process through tsx, its whole log passed through
// to the test output, and its last line (`<prefix> key=value ...`) read as the verdict.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

export interface E2eVerdict {
  readonly status: number | null;
  /** The last line of stdout, the verdict. */
  readonly last: string;
  /** The verdict's key=value pairs. */
  readonly fields: Record<string, string>;
}

/** Runs `tools/argocd-e2e/src/<script>` from the workspace root and reads the verdict after `prefix `. */
export function runE2eScript(script: string, prefix: string, timeoutMs: number): E2eVerdict {
  const res = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'tools/argocd-e2e/src', script)],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, timeout: timeoutMs },
  );
  // The whole log stays visible in the test output; the last line is the verdict.
  process.stdout.write(res.stdout);
  process.stderr.write(res.stderr);
  const last = res.stdout.trimEnd().split('\n').at(-1) ?? '';
  const fields = Object.fromEntries(
    last
      .slice(last.startsWith(`${prefix} `) ? prefix.length + 1 : 0)
      .split(' ')
      .map((pair) => pair.split('=') as [string, string]),
  );
  return { status: res.status, last, fields };
}
