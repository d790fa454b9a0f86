// Test support: runs the gitops-sync CLI in-process and captures what it printed, the way every CLI test
// reads it (exit code, stdout, stderr).
import { runCli } from '../src/gitops-sync-cli';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `gitops-sync <args>` with the given environment (nothing inherited) and working directory. */
export async function runCliCaptured(
  args: string[],
  { env = {}, cwd = process.cwd() }: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd });
  return { code, stdout, stderr };
}
