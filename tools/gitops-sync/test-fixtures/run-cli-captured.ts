// Test support: runs the gitops-sync CLI in-process and captures what it printed, the way every CLI test
// reads it (exit code, stdout, stderr).
import { runCliCaptured as runToolCaptured, type CapturedRun } from '@go-coffee/cli/test-support';
import { runCli } from '../src/gitops-sync-cli';

export type { CapturedRun };

/** Runs `gitops-sync <args>` with the given environment (nothing inherited) and working directory. */
export function runCliCaptured(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CapturedRun> {
  return runToolCaptured(runCli, args, options);
}
