// What running a tool inside a secondary checkout (a worktree of another ref) needs: its own
// node_modules/.bin first on PATH, no Nx daemon (it would outlive the checkout), and its package scripts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function checkoutEnv(root: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    PATH: `${join(root, 'node_modules', '.bin')}:${base.PATH ?? ''}`,
  };
}

/** The `scripts` of a checkout's package.json ({} when there is none). */
export function packageScripts(root: string): Record<string, string> {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
}
