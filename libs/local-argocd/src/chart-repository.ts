// A Helm chart repository on loopback: packages chart folders with the pinned helm, indexes them
// (`helm repo index`) and serves index.yaml plus the packages over plain HTTP from this process, the way a
// chart mirror (ChartMuseum, Harbor, Artifactory) serves an air-gapped cluster.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { toolPath } from '@go-coffee/toolchain';

export interface ChartRepository {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** Requests served, e.g. `GET /index.yaml`, for tests that must prove the mirror was used. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/** Packages every chart folder into `repoDir`, writes index.yaml and serves the folder. */
export async function serveChartRepository(chartDirs: readonly string[], repoDir: string): Promise<ChartRepository> {
  const helm = toolPath('helm');
  mkdirSync(repoDir, { recursive: true });
  for (const dir of chartDirs) execFileSync(helm, ['package', dir, '--destination', repoDir], { stdio: 'pipe' });
  execFileSync(helm, ['repo', 'index', repoDir], { stdio: 'pipe' });
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const file = basename(new URL(req.url ?? '/', 'http://local').pathname);
    requests.push(`${req.method} /${file}`);
    const path = join(repoDir, file);
    if (req.method !== 'GET' || !/^[\w.-]+\.(yaml|tgz)$/.test(file) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.yaml') ? 'application/yaml' : 'application/gzip' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}
