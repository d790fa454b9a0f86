// `npm run cluster:up` / `cluster:down`: a persistent local control plane for working by hand
// (kubectl, gitops-sync). State lives in .cluster/ at the workspace root (git-ignored).
// Exit codes: 0 ok · 2 usage · 3 start failed.
import { existsSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@go-coffee/toolchain';
import { startLocalCluster } from './local-cluster';
import { livePids, RUN_PREFIX, terminateRun } from './run-directory';

const stateRoot = join(workspaceRoot(), '.cluster');
const currentFile = join(stateRoot, 'current.json');

async function up(): Promise<number> {
  if (existsSync(currentFile)) {
    const current = JSON.parse(readFileSync(currentFile, 'utf8')) as { runDir: string; server: string };
    if (livePids(current.runDir).length > 0) {
      process.stdout.write(`local cluster already running at ${current.server}\n`);
      printKubeconfigs(current.runDir);
      return 0;
    }
  }
  await down();
  const cluster = await startLocalCluster({ stateRoot, persistent: true });
  writeFileSync(currentFile, `${JSON.stringify({ runDir: cluster.runDir, server: cluster.server }, null, 2)}\n`);
  process.stdout.write(`local cluster ready at ${cluster.server}\n`);
  printKubeconfigs(cluster.runDir);
  return 0;
}

function printKubeconfigs(runDir: string): void {
  process.stdout.write(
    `  admin:     export KUBECONFIG=${join(runDir, 'admin.kubeconfig')}\n` +
      `  read-only: export KUBECONFIG=${join(runDir, 'read-only.kubeconfig')}\n` +
      '  stop with: npm run cluster:down\n',
  );
}

async function down(): Promise<number> {
  if (!existsSync(stateRoot)) return 0;
  for (const entry of readdirSync(stateRoot).sort()) {
    if (!entry.startsWith(RUN_PREFIX)) continue;
    const pids = await terminateRun(join(stateRoot, entry));
    if (pids.length > 0) process.stdout.write(`stopped ${entry} (pids ${pids.join(', ')})\n`);
  }
  rmSync(currentFile, { force: true });
  return 0;
}

const command = process.argv[2];
const action = command === 'up' ? up : command === 'down' ? down : undefined;
if (!action) {
  process.stderr.write('usage: cluster-cli up|down\n');
  process.exit(2);
}
action().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`cluster ${command}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(3);
  },
);
