// The one workspace-root finder: the nearest ancestor holding tools/toolchain/versions.json, a file only
// this workspace's root has (nx.json would also match a scratch workspace a test writes).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Set by launch-tool.mjs before it runs a tool's cached bundle: the bundle lives in node_modules/.cache, and a
 * workspace copy that shares node_modules (tests, the policy ratchet) would otherwise resolve to the workspace
 * that owns node_modules instead of the one whose bin was started.
 */
const LAUNCHED_FROM = Symbol.for('go-coffee.launched-from-workspace');

function codeLocation(): string {
  const launched = (globalThis as Record<symbol, unknown>)[LAUNCHED_FROM];
  return typeof launched === 'string' ? launched : dirname(fileURLToPath(import.meta.url));
}

/** The workspace holding `from`. @default the workspace this code runs from (its bin's, for a bundled tool) */
export function workspaceRoot(from: string = codeLocation()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'tools', 'toolchain', 'versions.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`no go-coffee workspace above ${from} (tools/toolchain/versions.json not found)`);
    dir = parent;
  }
}
