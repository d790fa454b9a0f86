// Where the launcher (libs/cli/launch-tool.mjs) cached a tool's bundle: for tests that look at, or start,
// what the bin runs. The launcher owns the layout; this asks it.
// @ts-expect-error launch-tool.mjs is plain JavaScript without type declarations (it runs before any loader).
import { cachedBundleFolder as fromLauncher } from '../launch-tool.mjs';

/** The folder of `tool`'s newest cached bundle (main.mjs and the thread entries); undefined before its bin ran. */
export function cachedBundleFolder(tool: string): string | undefined {
  return (fromLauncher as (tool: string) => string | undefined)(tool);
}
