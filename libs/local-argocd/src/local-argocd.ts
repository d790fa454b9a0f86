// A real Argo CD (the pinned build from Go modules) running as local processes against a local control plane:
// redis, repo-server, application-controller (one process per shard, as the chart's StatefulSet runs them) and
// server on loopback, configured the way the upstream install configures them (namespace argocd, its CRDs,
// argocd-cm and friends), with every process recorded in the control plane's run directory so the same
// watchdog and reaping stop them. Run it inside a private network namespace (private-network.ts): the
// controller's metrics listener binds every interface.
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { freeLoopbackPort, startRunProcess } from '@go-coffee/local-cluster';
import type { LocalCluster, RunProcess } from '@go-coffee/local-cluster';
import { toolPath, toolSharedFile } from '@go-coffee/toolchain';

export const ARGOCD_NAMESPACE = 'argocd';
/** The CRDs Argo CD needs before it can start, copied from its module by the toolchain. */
export const ARGOCD_CRD_FILES = ['application-crd.yaml', 'appproject-crd.yaml', 'applicationset-crd.yaml'] as const;

export interface LocalArgoCdOptions {
  /** Extra argocd-cm entries (health customizations, reconciliation timeout, ...). @default none */
  readonly config?: Readonly<Record<string, string>>;
  /** Extra application-controller flags, e.g. `--self-heal-timeout-seconds=2`. @default [] */
  readonly controllerArgs?: readonly string[];
  /**
   * application-controller replicas, run as the chart's StatefulSet runs them: every process gets
   * `ARGOCD_CONTROLLER_REPLICAS=<replicas>` and its ordinal as `ARGOCD_CONTROLLER_SHARD` (in a pod the
   * hostname's ordinal, `argocd-application-controller-<n>`, gives the same), so each reconciles only the
   * clusters its shard is assigned. Dynamic cluster distribution (a Deployment) is not modelled.
   * @default 1
   */
  readonly controllerReplicas?: number;
  /**
   * argocd-cmd-params-cm entries for the application controller. The upstream manifests feed these keys to the
   * controller as environment variables (its flags default from them); the local controllers get them the same
   * way. Only keys listed in
   * {@link CONTROLLER_CMD_PARAMS_ENV} are accepted: any other key would sit in the ConfigMap without effect.
   * @default none
   */
  readonly params?: Readonly<Record<string, string>>;
  /**
   * Also run the ApplicationSet controller (the same binary as `argocd-applicationset-controller`), as the
   * upstream install does; the fleet bootstrap's ApplicationSet needs it.
   * @default false
   */
  readonly applicationSetController?: boolean;
  /** @default 120_000 */
  readonly readyTimeoutMs?: number;
}

/** One application-controller process: a shard of the controller StatefulSet. */
export interface LocalArgoCdController {
  /** Its `ARGOCD_CONTROLLER_SHARD`, 0-based. */
  readonly shard: number;
  /** Its Prometheus endpoint, `http://127.0.0.1:<port>/metrics` (argocd_app_info, argocd_cluster_info, ...). */
  readonly metricsUrl: string;
  readonly process: RunProcess;
}

export interface LocalArgoCd {
  /** `http://127.0.0.1:<port>` (plain HTTP: loopback inside the private network only). */
  readonly apiUrl: string;
  /** Every process, controllers included. */
  readonly processes: readonly RunProcess[];
  /** The application-controller shards, in ordinal order. */
  readonly controllers: readonly LocalArgoCdController[];
  /** A session token for the admin account (POST /api/v1/session), usable as a bearer token. */
  adminToken(): Promise<string>;
  /** The admin password Argo CD generated on first start (argocd-initial-admin-secret). */
  adminPassword(): Promise<string>;
}

/** redis-server from the Debian package the toolchain installs. */
function redisServerPath(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'redis-server'))) return join(dir, 'redis-server');
  }
  throw new Error('redis-server not found on PATH: run `npm run toolchain` (installs the Debian package redis-server)');
}

/**
 * argocd-cmd-params-cm keys the upstream application-controller manifests (install.yaml, and the Helm chart's
 * StatefulSet) map to environment variables, with the variable each feeds.
 */
export const CONTROLLER_CMD_PARAMS_ENV: Readonly<Record<string, string>> = {
  'controller.sharding.algorithm': 'ARGOCD_CONTROLLER_SHARDING_ALGORITHM',
};

/** argocd-cm entries every local Argo CD gets; the caller's `config` is merged over them. */
const BASE_CONFIG: Readonly<Record<string, string>> = {
  'application.resourceTrackingMethod': 'annotation',
  // API tokens for tools (gitops-sync) and logins for people.
  'accounts.admin': 'apiKey, login',
  'admin.enabled': 'true',
};

function configMap(name: string, data: Record<string, string> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ARGOCD_NAMESPACE, labels: { 'app.kubernetes.io/part-of': 'argocd' } },
    data,
  };
}

function bootstrapObjects(config: Record<string, string>, params: Record<string, string>): string {
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ARGOCD_NAMESPACE } },
    configMap('argocd-cm', config),
    configMap('argocd-rbac-cm'),
    configMap('argocd-cmd-params-cm', params),
    configMap('argocd-gpg-keys-cm'),
    configMap('argocd-ssh-known-hosts-cm'),
    configMap('argocd-tls-certs-cm'),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'argocd-secret',
        namespace: ARGOCD_NAMESPACE,
        labels: { 'app.kubernetes.io/part-of': 'argocd' },
      },
      type: 'Opaque',
    },
  ];
  return objects.map((object) => stringify(object)).join('---\n');
}

async function kubectlOk(cluster: LocalCluster, args: readonly string[], input?: string): Promise<string> {
  const res = await cluster.kubectl(args, { input });
  if (res.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (exit ${res.code}): ${res.stderr.trim()}`);
  return res.stdout;
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  processes: readonly RunProcess[],
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const process of processes) {
      const exited = process.exited();
      if (exited) throw new Error(`${what}: ${exited}`);
    }
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Installs Argo CD's CRDs and configuration into `cluster` and starts its components in the cluster's run
 * directory; resolves once the API answers. Stopping the cluster stops Argo CD too.
 */
export async function startLocalArgoCd(cluster: LocalCluster, options: LocalArgoCdOptions = {}): Promise<LocalArgoCd> {
  const replicas = options.controllerReplicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new Error(`controllerReplicas must be a whole number of at least 1, got ${String(replicas)}`);
  }
  const params = { ...options.params };
  const unmapped = Object.keys(params).filter((key) => !Object.hasOwn(CONTROLLER_CMD_PARAMS_ENV, key));
  if (unmapped.length > 0) {
    throw new Error(
      `argocd-cmd-params-cm ${unmapped.join(', ')}: not passed to the local processes (supported: ${Object.keys(CONTROLLER_CMD_PARAMS_ENV).join(', ')})`,
    );
  }
  const runDir = cluster.runDir;
  const home = join(runDir, 'argocd');
  const binDir = join(home, 'bin');
  for (const dir of ['bin', 'tls', 'ssh', 'gnupg', 'gpg', 'static', 'redis', 'askpass'].map((d) => join(home, d))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  // One binary, many roles: the role is the program name. Links inside the run directory also make every
  // process's command line name the run, which is how cleanup recognises them.
  const argocd = toolPath('argocd');
  for (const role of [
    'argocd-server',
    'argocd-repo-server',
    'argocd-application-controller',
    'argocd-applicationset-controller',
  ]) {
    symlinkSync(argocd, join(binDir, role));
  }
  symlinkSync(redisServerPath(), join(binDir, 'redis-server'));

  const crds = ARGOCD_CRD_FILES.map((file) => readFileSync(toolSharedFile('argocd', file), 'utf8')).join('\n---\n');
  // The Application CRD is too large for the client-side apply annotation.
  await kubectlOk(cluster, ['apply', '--server-side', '--field-manager=go-coffee-bootstrap', '-f', '-'], crds);
  // `kubectl wait` fails outright while a just-created CRD has no conditions yet, hence the retry.
  await waitFor('Argo CD CRDs not Established', 60_000, [], async () =>
    (await cluster.kubectl(['wait', '--for=condition=Established', '--timeout=10s', 'crd', '--all'])).code === 0
      ? true
      : undefined,
  );
  await kubectlOk(
    cluster,
    ['apply', '--server-side', '--field-manager=go-coffee-bootstrap', '-f', '-'],
    bootstrapObjects({ ...BASE_CONFIG, ...options.config }, params),
  );

  // redis, repo-server (2), server (2), applicationset-controller (3), one metrics port per controller shard.
  const [redisPort, repoPort, repoMetrics, apiPort, apiMetrics, ...morePorts] = await Promise.all(
    Array.from({ length: 8 + replicas }, () => freeLoopbackPort()),
  );
  const appSetPorts = morePorts.slice(0, 3);
  const controllerMetricsPorts = morePorts.slice(3);
  const redis = `127.0.0.1:${redisPort}`;
  const repoServer = `127.0.0.1:${repoPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KUBECONFIG: cluster.adminKubeconfig,
    // Maps the in-cluster destination (https://kubernetes.default.svc) to the kubeconfig's cluster.
    ARGOCD_FAKE_IN_CLUSTER: 'true',
    ARGOCD_TLS_DATA_PATH: join(home, 'tls'),
    ARGOCD_SSH_DATA_PATH: join(home, 'ssh'),
    ARGOCD_GNUPGHOME: join(home, 'gnupg'),
    ARGOCD_GPG_DATA_PATH: join(home, 'gpg'),
    ARGOCD_GPG_ENABLED: 'false',
    // The default socket path in /tmp collides between runs.
    ARGOCD_ASK_PASS_SOCK: join(home, 'askpass', 'reposerver-ask-pass.sock'),
    // helm for Helm sources; git-verify-wrapper.sh and gpg-wrapper.sh, which the repo-server runs on every
    // manifest generation, ship in Argo CD's module.
    PATH: [
      dirname(toolSharedFile('argocd', 'git-verify-wrapper.sh')),
      dirname(toolPath('helm')),
      process.env.PATH ?? '',
    ].join(delimiter),
  };
  // The upstream manifests feed argocd-cm's reconciliation timeout to the components as environment
  // variables (their flags default from them); local processes get them the same way.
  const config = { ...BASE_CONFIG, ...options.config };
  if (config['timeout.reconciliation']) env.ARGOCD_RECONCILIATION_TIMEOUT = config['timeout.reconciliation'];
  if (config['timeout.reconciliation.jitter'])
    env.ARGOCD_RECONCILIATION_JITTER = config['timeout.reconciliation.jitter'];
  // The shard layout comes from the options alone, never from the caller's environment.
  for (const name of [
    ...Object.values(CONTROLLER_CMD_PARAMS_ENV),
    'ARGOCD_CONTROLLER_REPLICAS',
    'ARGOCD_CONTROLLER_SHARD',
    'ARGOCD_ENABLE_DYNAMIC_CLUSTER_DISTRIBUTION',
  ]) {
    delete env[name];
  }
  const controllerEnv: NodeJS.ProcessEnv = { ARGOCD_CONTROLLER_REPLICAS: String(replicas) };
  for (const [key, value] of Object.entries(params)) controllerEnv[CONTROLLER_CMD_PARAMS_ENV[key]!] = value;
  const processes: RunProcess[] = [];
  // `role` is the binary (the program name picks the component); `name` names the pid and log files.
  const start = (role: string, args: readonly string[], name = role, extraEnv: NodeJS.ProcessEnv = {}) => {
    const started = startRunProcess(runDir, name, join(binDir, role), args, {
      env: { ...env, ...extraEnv },
      cwd: home,
    });
    processes.push(started);
    return started;
  };
  start('redis-server', [
    '--bind',
    '127.0.0.1',
    '--port',
    String(redisPort),
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    join(home, 'redis'),
  ]);
  const common = ['--loglevel=info', `--redis=${redis}`];
  // The repo-server serves TLS with a certificate it generates; the others accept it (not strict TLS).
  start('argocd-repo-server', [...common, `--port=${repoPort}`, `--metrics-port=${repoMetrics}`]);
  // Named like the StatefulSet's pods; each has its own pid file, so the watchdog and reaping cover every shard.
  const controllers: LocalArgoCdController[] = controllerMetricsPorts.map((metricsPort, shard) => ({
    shard,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    process: start(
      'argocd-application-controller',
      [
        ...common,
        `--namespace=${ARGOCD_NAMESPACE}`,
        `--repo-server=${repoServer}`,
        `--metrics-port=${metricsPort}`,
        ...(options.controllerArgs ?? []),
      ],
      `argocd-application-controller-${shard}`,
      { ...controllerEnv, ARGOCD_CONTROLLER_SHARD: String(shard) },
    ),
  }));
  start('argocd-server', [
    ...common,
    `--namespace=${ARGOCD_NAMESPACE}`,
    `--repo-server=${repoServer}`,
    '--insecure',
    '--address=127.0.0.1',
    `--port=${apiPort}`,
    `--metrics-port=${apiMetrics}`,
    `--staticassets=${join(home, 'static')}`,
  ]);

  if (options.applicationSetController) {
    const [metrics, probe, webhook] = appSetPorts;
    // Every listener on loopback: its defaults (:8080, :8081, :7000) bind every interface.
    start('argocd-applicationset-controller', [
      '--loglevel=info',
      `--namespace=${ARGOCD_NAMESPACE}`,
      `--argocd-repo-server=${repoServer}`,
      `--metrics-addr=127.0.0.1:${metrics}`,
      `--probe-addr=127.0.0.1:${probe}`,
      `--webhook-addr=127.0.0.1:${webhook}`,
    ]);
  }

  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const timeout = options.readyTimeoutMs ?? 120_000;
  await waitFor('argocd-server did not answer', timeout, processes, async () =>
    (await fetch(`${apiUrl}/api/version`)).ok ? true : undefined,
  );
  const adminPassword = () =>
    waitFor('argocd-initial-admin-secret was not created', timeout, processes, async () => {
      const out = await kubectlOk(cluster, [
        'get',
        'secret',
        '-n',
        ARGOCD_NAMESPACE,
        'argocd-initial-admin-secret',
        '-o',
        'jsonpath={.data.password}',
      ]);
      return out ? Buffer.from(out, 'base64').toString('utf8') : undefined;
    });
  return {
    apiUrl,
    processes,
    controllers,
    adminPassword,
    adminToken: async () => {
      const password = await adminPassword();
      return waitFor('admin session was refused', timeout, processes, async () => {
        const res = await fetch(`${apiUrl}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password }),
        });
        return res.ok ? ((await res.json()) as { token: string }).token : undefined;
      });
    },
  };
}
