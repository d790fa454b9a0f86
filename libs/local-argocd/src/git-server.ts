// A Git server on loopback for Argo CD to read from: `git daemon` exporting the bare repositories under one
// folder as git://127.0.0.1:<port>/<name>.git, read-only, no credentials (Argo CD needs no repository Secret).
import { startRunProcess, freeLoopbackPort } from '@go-coffee/local-cluster';
import type { RunProcess } from '@go-coffee/local-cluster';

export interface GitServer {
  readonly process: RunProcess;
  readonly port: number;
  /** `git://127.0.0.1:<port>/<repository>` */
  url(repository: string): string;
}

/** Serves every repository under `baseDir` (which must lie inside `runDir`). */
export async function startGitServer(runDir: string, baseDir: string): Promise<GitServer> {
  const port = await freeLoopbackPort();
  const process = startRunProcess(runDir, 'git-daemon', 'git', [
    'daemon',
    '--reuseaddr',
    '--export-all',
    '--listen=127.0.0.1',
    `--port=${port}`,
    `--base-path=${baseDir}`,
    baseDir,
  ]);
  return { process, port, url: (repository) => `git://127.0.0.1:${port}/${repository}` };
}
