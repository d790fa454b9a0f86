// The steps both Argo CD end-to-end runs (`e2e-argocd.ts`, `e2e-argocd-fleet.ts`) take the same way: logging,
// kubectl that must succeed, polling until a condition holds, pointing a test environment at the local git
// server, and rendering it with the ordinary render command inside the workspace copy.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument, type Document } from 'yaml';
import type { LocalCluster } from '@go-coffee/local-cluster';
import type { WorkspaceCopy } from '@go-coffee/toolchain';

export const log = (line: string) => process.stdout.write(`${line}\n`);

export async function kubectlOk(cluster: LocalCluster, args: readonly string[], input?: string): Promise<string> {
  const res = await cluster.kubectl(args, { input });
  if (res.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${res.stderr.trim()}`);
  return res.stdout;
}

/** Polls every 2 s until the probe returns a value; undefined (and a log line) when the time is up. */
export async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      log(`  timed out after ${timeoutMs / 1000}s: ${what}`);
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/**
 * Rewrites environments/<environment>.yaml of the copy so Argo CD reads Git from the local server (main), while
 * people still browse (runbook links) the canonical repository; `adjust` makes the run's own changes.
 */
export function pointEnvironmentAtLocalGit(
  copy: WorkspaceCopy,
  environment: string,
  repoURL: string,
  adjust: (doc: Document) => void,
): void {
  const file = join(copy.root, 'environments', `${environment}.yaml`);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const defaults = parse(readFileSync(join(copy.root, 'environments', 'defaults.yaml'), 'utf8')) as {
    gitops: { repoURL: string };
  };
  doc.setIn(['gitops', 'browseURL'], defaults.gitops.repoURL.replace(/\.git$/, ''));
  doc.setIn(['gitops', 'repoURL'], repoURL);
  doc.setIn(['gitops', 'targetRevision'], 'main');
  adjust(doc);
  writeFileSync(file, doc.toString());
}

/** Runs the ordinary render command in the copy; `what` names the rendered part in the error. */
export function renderInCopy(copy: WorkspaceCopy, renderArgs: readonly string[], what: string): void {
  const res = spawnSync(process.execPath, [join(copy.root, 'tools', 'render', 'bin', 'render.mjs'), ...renderArgs], {
    cwd: copy.root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (res.status !== 0) throw new Error(`render of ${what} failed (exit ${res.status}):\n${res.stderr}`);
}
