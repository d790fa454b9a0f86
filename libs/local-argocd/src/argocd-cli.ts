// `npm run argocd:up` / `argocd:down`: a persistent local control plane plus a real Argo CD for working by
// hand (bootstrap the committed tree, watch a merge sync). Everything runs inside a private network namespace
// (only loopback; the controller's metrics listener binds every interface), held by one keeper process;
// `argocd:up` prints the commands that enter it (`nsenter --net=…`), the API URL and an API token.
// State in .cluster/argocd.json (git-ignored). Exit codes: 0 ok · 2 usage · 3 start failed.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { logTail, processStartTime, startLocalCluster } from '@go-coffee/local-cluster';
import { workspaceRoot } from '@go-coffee/toolchain';
import { startLocalArgoCd } from './local-argocd';
import { inPrivateNetwork } from './private-network';

const stateDir = join(workspaceRoot(), '.cluster');
const stateFile = join(stateDir, 'argocd.json');

interface UpState {
  readonly keeperPid: number;
  readonly keeperStart: string;
  readonly apiUrl: string;
  readonly token: string;
  readonly adminKubeconfig: string;
}

function readState(): UpState | undefined {
  if (!existsSync(stateFile)) return undefined;
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as UpState;
  return processStartTime(state.keeperPid) === state.keeperStart ? state : undefined;
}

function printState(state: UpState): void {
  const enter = `nsenter --net=/proc/${state.keeperPid}/ns/net`;
  process.stdout.write(
    `Argo CD API/UI: ${state.apiUrl} (inside the private network of pid ${state.keeperPid})\n` +
      `  API token (admin): ${state.token}\n` +
      `  enter its network: sudo ${enter} bash\n` +
      `  then: export KUBECONFIG=${state.adminKubeconfig} ARGOCD_SERVER=${state.apiUrl} ARGOCD_AUTH_TOKEN=<token above>\n` +
      '  stop with: npm run argocd:down\n',
  );
}

/** The keeper: runs inside the private network, starts everything, writes the state, then waits to be stopped. */
async function keep(): Promise<void> {
  // The control plane belongs to this keeper (not "persistent"): its watchdog stops everything when the
  // keeper dies, so argocd:down only has to stop the keeper.
  const cluster = await startLocalCluster({ stateRoot: join(stateDir, 'argocd-runs') });
  const argo = await startLocalArgoCd(cluster, { applicationSetController: true });
  const state: UpState = {
    keeperPid: process.pid,
    keeperStart: processStartTime(process.pid) ?? '0',
    apiUrl: argo.apiUrl,
    token: await argo.adminToken(),
    adminKubeconfig: cluster.adminKubeconfig,
  };
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  const stop = () => void cluster.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setInterval(() => undefined, 1 << 30);
}

async function up(): Promise<number> {
  const running = readState();
  if (running) {
    printState(running);
    return 0;
  }
  mkdirSync(stateDir, { recursive: true });
  rmSync(stateFile, { force: true });
  const keeperLog = openSync(join(stateDir, 'argocd-keeper.log'), 'w');
  const keeper = spawn(
    'unshare',
    [
      '--net',
      '--',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      'keep',
    ],
    // Its own log, so the terminal (or a pipe) that ran argocd:up is not held open by it.
    { detached: true, stdio: ['ignore', keeperLog, keeperLog] },
  );
  closeSync(keeperLog);
  keeper.unref();
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    const state = readState();
    if (state) {
      printState(state);
      return 0;
    }
    if (keeper.exitCode !== null) {
      throw new Error(
        `the Argo CD keeper exited with code ${keeper.exitCode}:\n${logTail(join(stateDir, 'argocd-keeper.log'))}`,
      );
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error('Argo CD did not come up within 240 s');
}

async function down(): Promise<number> {
  const state = readState();
  if (state) {
    process.kill(state.keeperPid, 'SIGTERM');
    while (processStartTime(state.keeperPid) === state.keeperStart) await new Promise((r) => setTimeout(r, 200));
    process.stdout.write(`stopped the local Argo CD (keeper pid ${state.keeperPid})\n`);
  }
  rmSync(stateFile, { force: true });
  return 0;
}

const command = process.argv[2];
const actions: Record<string, () => Promise<number | void>> = { up, down, keep };
const action = command ? actions[command] : undefined;
if (!action || (command === 'keep' && !inPrivateNetwork())) {
  process.stderr.write('usage: argocd-cli up|down\n');
  process.exit(2);
}
action().then(
  (code) => {
    if (typeof code === 'number') process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`argocd ${command}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(3);
  },
);
