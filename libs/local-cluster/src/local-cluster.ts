// A real Kubernetes control plane for tests and local work: etcd and kube-apiserver from the pinned
// toolchain, on loopback, with free ports, a temporary data directory, a self-generated PKI and two
// identities (admin, read-only). Drift is hard because of server-side defaulting, managed fields, RBAC and
// pagination; only a real API server reproduces them, so nothing here is simulated.
import { spawn, spawnSync } from 'node:child_process';
import { openSync, closeSync, readFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '@go-coffee/git-workspace';
import { toolPath } from '@go-coffee/toolchain';
import { createClusterPki, type ClientIdentity, type ClusterPki } from './cluster-pki';
import { freeLoopbackPort } from './free-port';
import { writeKubeconfigFile } from './kubeconfig-file';
import { createRunDirectory, processStartTime, reapStaleRuns, recordPid, terminateRun } from './run-directory';

export const ADMIN_IDENTITY: ClientIdentity = { user: 'go-coffee-admin', groups: ['system:masters'] };
export const READ_ONLY_IDENTITY: ClientIdentity = { user: 'go-coffee-read-only', groups: ['go-coffee:read-only'] };
/** ClusterRole bound to the read-only identity: get/list/watch on every resource, nothing else. */
export const READ_ONLY_CLUSTER_ROLE = 'go-coffee-local-read-only';

export type Identity = 'admin' | 'read-only';

export interface LocalClusterOptions {
  /**
   * Directory holding one sub-directory per run (pid files, data, certificates). Runs under it whose
   * owning process has died are reaped before this one starts.
   * @default `<tmpdir>/go-coffee-local-cluster-<uid>`
   */
  readonly stateRoot?: string;
  /**
   * Keep the cluster running after this process exits (for `npm run cluster:up`); only `stop()` or
   * `npm run cluster:down` ends it. Otherwise a watchdog stops it as soon as this process dies.
   * @default false
   */
  readonly persistent?: boolean;
  /** @default 90_000 */
  readonly readyTimeoutMs?: number;
  /** Extra kube-apiserver flags, e.g. `--feature-gates=…`. @default [] */
  readonly extraApiServerArgs?: readonly string[];
}

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface KubectlOptions {
  /** @default 'admin' */
  readonly identity?: Identity;
  /** Standard input, e.g. a manifest for `apply -f -`. */
  readonly input?: string;
}

export interface LocalCluster {
  /** `https://127.0.0.1:<port>` */
  readonly server: string;
  readonly etcdUrl: string;
  readonly runDir: string;
  readonly caFile: string;
  readonly adminKubeconfig: string;
  readonly readOnlyKubeconfig: string;
  kubeconfig(identity: Identity): string;
  /** Runs the pinned kubectl against this cluster. */
  kubectl(args: readonly string[], options?: KubectlOptions): Promise<KubectlResult>;
  /** Raw API request with the given identity; resolves with status and body text. */
  request(identity: Identity, method: string, path: string, body?: unknown): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export function defaultStateRoot(): string {
  return join(tmpdir(), `go-coffee-local-cluster-${process.getuid?.() ?? 'user'}`);
}

function startProcess(binary: string, args: string[], logFile: string): number {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(binary, args, { stdio: ['ignore', fd, fd], detached: true });
    if (child.pid === undefined) throw new Error(`could not start ${binary}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** A detached shell that stops the run as soon as its owner dies, even by SIGKILL. */
function startWatchdog(runDir: string, ownerPid: number): number {
  const script = [
    'owner=$1; dir=$2',
    'while kill -0 "$owner" 2>/dev/null; do sleep 1; done',
    // Every process recorded in the run (the control plane and anything started on top of it), except itself.
    'for f in "$dir"/*.pid; do [ "$f" = "$dir/watchdog.pid" ] || kill -TERM "$(cat "$f")" 2>/dev/null; done',
    'sleep 3',
    'for f in "$dir"/*.pid; do [ "$f" = "$dir/watchdog.pid" ] || kill -KILL "$(cat "$f")" 2>/dev/null; done',
    'rm -rf "$dir"',
  ].join('\n');
  const child = spawn('sh', ['-c', script, 'go-coffee-cluster-watchdog', String(ownerPid), runDir], {
    stdio: 'ignore',
    detached: true,
  });
  if (child.pid === undefined) throw new Error('could not start the local cluster watchdog');
  child.unref();
  return child.pid;
}

function httpsRequest(
  server: string,
  pki: ClusterPki,
  identity: Identity,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<{ status: number; body: string }> {
  const client = pki.clients[identity];
  if (!client) throw new Error(`no client certificate for identity ${identity}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolveRequest, reject) => {
    const req = request(
      `${server}${path}`,
      {
        method,
        ca: readFileSync(pki.caFile),
        cert: readFileSync(client.certFile),
        key: readFileSync(client.keyFile),
        headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolveRequest({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function processAlive(pid: number): boolean {
  return processStartTime(pid) !== undefined;
}

async function waitUntil(
  what: string,
  timeoutMs: number,
  probe: () => Promise<boolean>,
  alive: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const died = alive();
    if (died) throw new Error(`${what}: ${died}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts etcd + kube-apiserver and resolves once `/readyz` answers ok and the read-only RBAC exists. */
export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const stateRoot = options.stateRoot ?? defaultStateRoot();
  const etcdBin = toolPath('etcd');
  const apiserverBin = toolPath('kube-apiserver');
  await reapStaleRuns(stateRoot);

  const owner = options.persistent
    ? 'persistent'
    : { pid: process.pid, startTime: processStartTime(process.pid) ?? '0' };
  const runDir = createRunDirectory(stateRoot, owner);
  const stopRun = () => terminateRun(runDir);
  try {
    if (owner !== 'persistent') recordPid(runDir, 'watchdog', startWatchdog(runDir, owner.pid));
    const pkiDir = join(runDir, 'pki');
    mkdirSync(pkiDir);
    const pki = createClusterPki(pkiDir, { admin: ADMIN_IDENTITY, 'read-only': READ_ONLY_IDENTITY });

    const [etcdClientPort, etcdPeerPort, apiPort] = [
      await freeLoopbackPort(),
      await freeLoopbackPort(),
      await freeLoopbackPort(),
    ];
    const etcdUrl = `http://127.0.0.1:${etcdClientPort}`;
    const etcdLog = join(runDir, 'etcd.log');
    const etcdPid = startProcess(
      etcdBin,
      [
        '--name=local',
        `--data-dir=${join(runDir, 'etcd-data')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-cluster=local=http://127.0.0.1:${etcdPeerPort}`,
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
      etcdLog,
    );
    recordPid(runDir, 'etcd', etcdPid);
    await waitUntil(
      'etcd did not start',
      30_000,
      async () => (await fetch(`${etcdUrl}/health`)).ok,
      () => (processAlive(etcdPid) ? undefined : `exited; last log lines:\n${tail(etcdLog)}`),
    );

    const server = `https://127.0.0.1:${apiPort}`;
    const apiLog = join(runDir, 'kube-apiserver.log');
    const apiPid = startProcess(
      apiserverBin,
      [
        `--etcd-servers=${etcdUrl}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--cert-dir=${join(runDir, 'apiserver-certs')}`,
        `--tls-cert-file=${pki.serving.certFile}`,
        `--tls-private-key-file=${pki.serving.keyFile}`,
        `--client-ca-file=${pki.caFile}`,
        `--service-account-key-file=${pki.serviceAccountPublicKeyFile}`,
        `--service-account-signing-key-file=${pki.serviceAccountPrivateKeyFile}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--authorization-mode=RBAC',
        '--service-cluster-ip-range=10.96.0.0/16',
        '--allow-privileged=true',
        '--profiling=false',
        '--v=0',
        ...(options.extraApiServerArgs ?? []),
      ],
      apiLog,
    );
    recordPid(runDir, 'kube-apiserver', apiPid);
    await waitUntil(
      'kube-apiserver did not become ready',
      options.readyTimeoutMs ?? 90_000,
      async () => {
        const res = await httpsRequest(server, pki, 'admin', 'GET', '/readyz', undefined, 2_000);
        return res.status === 200;
      },
      () => (processAlive(apiPid) ? undefined : `exited; last log lines:\n${tail(apiLog)}`),
    );

    const call = (identity: Identity, method: string, path: string, body?: unknown) =>
      httpsRequest(server, pki, identity, method, path, body);
    await grantReadOnly(call);

    const adminKubeconfig = join(runDir, 'admin.kubeconfig');
    const readOnlyKubeconfig = join(runDir, 'read-only.kubeconfig');
    for (const [path, identity] of [
      [adminKubeconfig, 'admin'],
      [readOnlyKubeconfig, 'read-only'],
    ] as const) {
      writeKubeconfigFile({
        path,
        server,
        caFile: pki.caFile,
        client: pki.clients[identity]!,
        contextName: `go-coffee-local-${identity}`,
        clusterName: 'go-coffee-local',
      });
    }

    const kubeconfig = (identity: Identity) => (identity === 'admin' ? adminKubeconfig : readOnlyKubeconfig);
    let stopped: Promise<void> | undefined;
    const exitHandler = () => {
      // Last resort when a test forgets stop(): the process is exiting, so only synchronous work runs.
      if (!options.persistent) spawnSync('sh', ['-c', `kill ${apiPid} ${etcdPid} 2>/dev/null; true`]);
    };
    process.once('exit', exitHandler);
    return {
      server,
      etcdUrl,
      runDir,
      caFile: pki.caFile,
      adminKubeconfig,
      readOnlyKubeconfig,
      kubeconfig,
      request: call,
      kubectl: (args, kubectlOptions = {}) =>
        runKubectl(kubeconfig(kubectlOptions.identity ?? 'admin'), args, kubectlOptions.input),
      stop: () => {
        stopped ??= (async () => {
          process.removeListener('exit', exitHandler);
          await stopRun();
        })();
        return stopped;
      },
    };
  } catch (err) {
    await stopRun();
    throw err;
  }
}

async function grantReadOnly(
  call: (identity: Identity, method: string, path: string, body?: unknown) => Promise<{ status: number; body: string }>,
): Promise<void> {
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: READ_ONLY_CLUSTER_ROLE },
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
      { nonResourceURLs: ['*'], verbs: ['get'] },
    ],
  };
  const binding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: READ_ONLY_CLUSTER_ROLE },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: READ_ONLY_CLUSTER_ROLE },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: READ_ONLY_IDENTITY.user }],
  };
  for (const [path, obj] of [
    ['/apis/rbac.authorization.k8s.io/v1/clusterroles', role],
    ['/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', binding],
  ] as const) {
    const res = await call('admin', 'POST', path, obj);
    if (res.status !== 201)
      throw new Error(`creating ${obj.kind} ${obj.metadata.name} failed: HTTP ${res.status} ${res.body}`);
  }
}

async function runKubectl(kubeconfig: string, args: readonly string[], input?: string): Promise<KubectlResult> {
  const result = await runCommand(
    toolPath('kubectl'),
    [`--kubeconfig=${kubeconfig}`, ...args],
    process.cwd(),
    process.env,
    undefined,
    input,
  );
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
