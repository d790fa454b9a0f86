// The GitHub CLI as the CI jobs use it (preinstalled on GitHub's runners, authenticated by GH_TOKEN).
// Every failure is an error naming the command: an issue or comment that silently failed to update would
// hide exactly what the job exists to show.
import { spawnSync } from 'node:child_process';
import { CiError, CI_EXIT } from './ci-error';

export type GitHubCli = (args: readonly string[]) => string;

export function githubCli(env: NodeJS.ProcessEnv): GitHubCli {
  return (args) => {
    const result = spawnSync('gh', args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (result.error) {
      throw new CiError(`gh: ${result.error.message}; fix: install the GitHub CLI and set GH_TOKEN`, CI_EXIT.noVerdict);
    }
    if (result.status !== 0) {
      throw new CiError(`gh ${args.slice(0, 3).join(' ')} failed: ${result.stderr.trim()}`, CI_EXIT.noVerdict);
    }
    return result.stdout;
  };
}
