// Reads a kubeconfig (js-yaml) into what an HTTPS client needs: server URL, CA, client certificate or
// bearer token, impersonation. Exec credential plugins (what `aws eks update-kubeconfig`, GKE's and
// AKS's kubeconfigs use) are run once, non-interactively; legacy auth-provider entries are refused with a
// clear message instead of half-working.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { load } from 'js-yaml';

export interface ClusterCredentials {
  readonly server: string;
  readonly contextName: string;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly token?: string;
  readonly insecureSkipTlsVerify: boolean;
  readonly impersonateUser?: string;
  readonly impersonateGroups?: readonly string[];
}

export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

type Named<T> = { name?: string } & T;
type Rec = Record<string, unknown>;

interface KubeconfigFile {
  clusters?: Named<{ cluster?: Rec }>[];
  users?: Named<{ user?: Rec }>[];
  contexts?: Named<{ context?: Rec }>[];
  'current-context'?: string;
}

/** KUBECONFIG (first file of the list that exists wins per entry, like kubectl) or ~/.kube/config. */
export function defaultKubeconfigPaths(): string[] {
  const env = process.env.KUBECONFIG;
  if (env) return env.split(':').filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

function readFileRelative(file: string, baseDir: string, what: string, kubeconfig: string): Buffer {
  const path = isAbsolute(file) ? file : resolve(baseDir, file);
  try {
    return readFileSync(path);
  } catch {
    throw new KubeconfigError(`${kubeconfig}: cannot read ${what} file ${path}`);
  }
}

function material(
  entry: Rec,
  dataKey: string,
  fileKey: string,
  baseDir: string,
  kubeconfig: string,
): Buffer | undefined {
  const data = entry[dataKey];
  if (typeof data === 'string' && data !== '') return Buffer.from(data, 'base64');
  const file = entry[fileKey];
  if (typeof file === 'string' && file !== '') return readFileRelative(file, baseDir, fileKey, kubeconfig);
  return undefined;
}

export function loadKubeconfig(options: { paths?: readonly string[]; context?: string } = {}): ClusterCredentials {
  const paths = options.paths && options.paths.length > 0 ? options.paths : defaultKubeconfigPaths();
  const merged: Required<Pick<KubeconfigFile, 'clusters' | 'users' | 'contexts'>> & { current?: string } = {
    clusters: [],
    users: [],
    contexts: [],
  };
  const origin = new Map<string, string>();
  let readAny = false;
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      if (paths.length === 1) throw new KubeconfigError(`kubeconfig ${path} cannot be read; pass --kubeconfig <file>`);
      continue;
    }
    readAny = true;
    let doc: KubeconfigFile;
    try {
      doc = (load(text) ?? {}) as KubeconfigFile;
    } catch (err) {
      throw new KubeconfigError(`kubeconfig ${path} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    for (const [list, into, prefix] of [
      [doc.clusters, merged.clusters, 'cluster'],
      [doc.users, merged.users, 'user'],
      [doc.contexts, merged.contexts, 'context'],
    ] as const) {
      for (const entry of list ?? []) {
        if (!entry?.name || origin.has(`${prefix}/${entry.name}`)) continue;
        origin.set(`${prefix}/${entry.name}`, path);
        (into as unknown[]).push(entry);
      }
    }
    merged.current ??= doc['current-context'];
  }
  if (!readAny) throw new KubeconfigError(`no kubeconfig found at ${paths.join(', ')}; pass --kubeconfig <file>`);

  const contextName = options.context ?? merged.current;
  if (!contextName)
    throw new KubeconfigError(`kubeconfig ${paths.join(':')} has no current-context; pass --context <name>`);
  const context = merged.contexts.find((c) => c.name === contextName)?.context;
  if (!context) {
    const known = merged.contexts.map((c) => c.name).join(', ') || 'none';
    throw new KubeconfigError(`context "${contextName}" not found in kubeconfig (known: ${known})`);
  }
  const cluster = merged.clusters.find((c) => c.name === context.cluster)?.cluster;
  if (!cluster || typeof cluster.server !== 'string') {
    throw new KubeconfigError(
      `context "${contextName}": cluster "${String(context.cluster)}" missing or without a server URL`,
    );
  }
  const user = (merged.users.find((u) => u.name === context.user)?.user ?? {}) as Rec;
  const clusterDir = dirname(origin.get(`cluster/${String(context.cluster)}`) ?? '.');
  const userDir = dirname(origin.get(`user/${String(context.user)}`) ?? '.');
  const where = `kubeconfig context "${contextName}"`;
  if (user['auth-provider']) {
    throw new KubeconfigError(
      `${where}: legacy auth-provider entries are not supported; use an exec credential plugin, a client certificate or a token`,
    );
  }
  let token = typeof user.token === 'string' ? user.token : undefined;
  if (!token && typeof user.tokenFile === 'string')
    token = readFileRelative(user.tokenFile, userDir, 'tokenFile', where).toString('utf8').trim();
  let execCert: Buffer | undefined;
  let execKey: Buffer | undefined;
  if (!token && user.exec && typeof user.exec === 'object') {
    const credential = runExecPlugin(user.exec as Rec, where);
    token = credential.token;
    execCert = credential.cert;
    execKey = credential.key;
  }
  const ca = material(cluster, 'certificate-authority-data', 'certificate-authority', clusterDir, where);
  const cert = execCert ?? material(user, 'client-certificate-data', 'client-certificate', userDir, where);
  const key = execKey ?? material(user, 'client-key-data', 'client-key', userDir, where);
  if ((cert && !key) || (key && !cert))
    throw new KubeconfigError(`${where}: a client certificate needs both certificate and key`);
  return {
    server: cluster.server.replace(/\/+$/, ''),
    contextName,
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(token ? { token } : {}),
    ...(typeof user.as === 'string' ? { impersonateUser: user.as } : {}),
    ...(Array.isArray(user['as-groups']) ? { impersonateGroups: user['as-groups'] as string[] } : {}),
  };
}

/** Runs a client-go exec credential plugin (ExecCredential) without a terminal; its output is never printed. */
function runExecPlugin(exec: Rec, where: string): { token?: string; cert?: Buffer; key?: Buffer } {
  const command = exec.command;
  if (typeof command !== 'string' || command === '')
    throw new KubeconfigError(`${where}: exec plugin without a command`);
  const apiVersion = typeof exec.apiVersion === 'string' ? exec.apiVersion : 'client.authentication.k8s.io/v1';
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  for (const e of Array.isArray(exec.env) ? (exec.env as { name?: unknown; value?: unknown }[]) : []) {
    if (typeof e.name === 'string') env[e.name] = String(e.value ?? '');
  }
  env.KUBERNETES_EXEC_INFO = JSON.stringify({ apiVersion, kind: 'ExecCredential', spec: { interactive: false } });
  const args = Array.isArray(exec.args) ? (exec.args as unknown[]).map(String) : [];
  const res = spawnSync(command, args, { env, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (res.error || res.status !== 0) {
    const reason = res.error
      ? res.error.message
      : `exit ${res.status}: ${(res.stderr ?? '').trim().split('\n')[0]?.slice(0, 200) ?? ''}`;
    throw new KubeconfigError(`${where}: exec credential plugin "${command}" failed (${reason})`);
  }
  let status: Rec | undefined;
  try {
    status = (JSON.parse(res.stdout) as { status?: Rec }).status;
  } catch {
    throw new KubeconfigError(
      `${where}: exec credential plugin "${command}" did not print an ExecCredential JSON document`,
    );
  }
  const token = typeof status?.token === 'string' ? status.token : undefined;
  const cert =
    typeof status?.clientCertificateData === 'string' ? Buffer.from(status.clientCertificateData) : undefined;
  const key = typeof status?.clientKeyData === 'string' ? Buffer.from(status.clientKeyData) : undefined;
  if (!token && !(cert && key))
    throw new KubeconfigError(
      `${where}: exec credential plugin "${command}" returned neither a token nor a client certificate`,
    );
  return { ...(token ? { token } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}
