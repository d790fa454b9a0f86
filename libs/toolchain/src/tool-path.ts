// Locates the pinned binaries that `npm run toolchain` builds into .tools/bin. Callers get an absolute
// path or an error telling them exactly how to get the tool; nothing falls back to "skip".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@go-coffee/cli';

export type ToolName = 'opa' | 'conftest' | 'actionlint' | 'etcd' | 'kube-apiserver' | 'kubectl' | 'helm' | 'argocd';

export class MissingToolError extends Error {
  constructor(
    readonly tool: ToolName,
    readonly expectedPath: string,
  ) {
    super(`${tool} not found at ${expectedPath}: run \`npm run toolchain\` (builds the pinned tools from Go modules)`);
    this.name = 'MissingToolError';
  }
}

/** Absolute path of a pinned tool in .tools/bin; throws MissingToolError when it has not been built. */
export function toolPath(tool: ToolName, root: string = workspaceRoot()): string {
  const path = join(root, '.tools', 'bin', tool);
  if (!existsSync(path)) throw new MissingToolError(tool, path);
  return path;
}

/** The version versions.json pins for a tool, e.g. `1.34.4`. */
export function pinnedVersion(tool: ToolName, root: string = workspaceRoot()): string {
  const pins = JSON.parse(readFileSync(join(root, 'tools', 'toolchain', 'versions.json'), 'utf8')) as {
    tools: Record<string, { version: string }>;
  };
  const pin = pins.tools[tool];
  if (!pin) throw new Error(`tools/toolchain/versions.json pins no version for ${tool}`);
  return pin.version;
}

/**
 * Absolute path of a file the toolchain copied from a tool's upstream module into .tools/share/<tool>/
 * (`companions` in versions.json, e.g. Argo CD's CRDs); throws MissingToolError when it is not there.
 */
export function toolSharedFile(tool: ToolName, file: string, root: string = workspaceRoot()): string {
  const path = join(root, '.tools', 'share', tool, file);
  if (!existsSync(path)) throw new MissingToolError(tool, path);
  return path;
}
