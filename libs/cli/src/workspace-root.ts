// The one workspace-root finder: the nearest ancestor holding tools/toolchain/versions.json, a file only
// this workspace's root has (nx.json would also match a scratch workspace a test writes).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace holding `from`. @default the workspace this code runs from */
export function workspaceRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'tools', 'toolchain', 'versions.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`no go-coffee workspace above ${from} (tools/toolchain/versions.json not found)`);
    dir = parent;
  }
}
