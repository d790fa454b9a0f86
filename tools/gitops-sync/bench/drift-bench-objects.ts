// Test-support for the drift benchmarks (bench:drift, bench:fleet): bench objects (Deployments and
// ConfigMaps as Argo CD would apply them), written one file each as in gitops/<cluster>/…, applied to a real
// apiserver, and one timed `gitops-sync drift` run under /usr/bin/time (wall seconds, requests, peak RSS).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join, resolve } from 'node:path';
import { dump } from 'js-yaml';
import { loadKubeconfig } from '@go-coffee/drift';
import { TRACKING_ID_ANNOTATION, type KubeObject } from '@go-coffee/kube-objects';
import { livePids, processCpuSeconds } from '@go-coffee/local-cluster';

export const BASE_OBJECTS = 5_000;
const NAMESPACES_PER_5K = 10;
const FIELD_MANAGER = 'argocd-controller';
const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const bin = join(repoRoot, 'tools', 'gitops-sync', 'bin', 'gitops-sync.mjs');

function deployment(ns: string, i: number): KubeObject {
  const name = `svc-${i}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: ns,
      labels: {
        'app.kubernetes.io/name': name,
        'app.kubernetes.io/managed-by': 'go-coffee-render',
        'app.kubernetes.io/part-of': 'go-coffee',
      },
      annotations: { [TRACKING_ID_ANNOTATION]: `bench:apps/Deployment:${ns}/${name}` },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': name } },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name,
              image: `ghcr.io/go-coffee/${name}:1.0.${i % 10}`,
              ports: [{ name: 'http', containerPort: 8080 }],
              env: [
                { name: 'LOG_LEVEL', value: 'info' },
                { name: 'SERVICE_INDEX', value: String(i) },
              ],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '0.5Gi' } },
              readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
              livenessProbe: { httpGet: { path: '/health', port: 8080 }, initialDelaySeconds: 10 },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  };
}

function configMap(ns: string, i: number): KubeObject {
  const name = `svc-${i}-config`;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: ns,
      annotations: { [TRACKING_ID_ANNOTATION]: `bench:/ConfigMap:${ns}/${name}` },
    },
    data: { LOG_LEVEL: 'info', ORDERS_TOPIC: 'coffee_orders', INDEX: String(i) },
  };
}

/** The median of a run's figures (the machine is noisy; the benchmarks report medians). */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Objects `from`..`to` (exclusive): pairs of Deployment + ConfigMap, 500 per namespace. */
export function benchObjects(from: number, to: number): { ns: string; obj: KubeObject }[] {
  const out: { ns: string; obj: KubeObject }[] = [];
  const perNamespace = BASE_OBJECTS / NAMESPACES_PER_5K;
  for (let n = from; n < to; n += 2) {
    const ns = `bench-${Math.floor(n / perNamespace)}`;
    out.push({ ns, obj: deployment(ns, n / 2) }, { ns, obj: configMap(ns, n / 2) });
  }
  return out;
}

export function writeObjectTree(folder: string, objects: { ns: string; obj: KubeObject }[]): void {
  for (const ns of new Set(objects.map((o) => o.ns))) mkdirSync(join(folder, ns), { recursive: true });
  for (const { ns, obj } of objects) {
    writeFileSync(
      join(folder, ns, `${String(obj.kind).toLowerCase()}-${ns}-${String(obj.metadata?.name)}.yaml`),
      dump(obj, { sortKeys: true, lineWidth: -1 }),
    );
  }
}

/** The API path of a bench object (a Namespace, a ConfigMap or a Deployment). */
export function benchObjectPath(o: KubeObject): string {
  const ns = String(o.metadata?.namespace ?? '');
  const name = String(o.metadata?.name);
  if (o.kind === 'Namespace') return `/api/v1/namespaces/${name}`;
  if (o.kind === 'ConfigMap') return `/api/v1/namespaces/${ns}/configmaps/${name}`;
  return `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;
}

/** Bench setup only: server-side apply with many requests in flight (kubectl apply is far too slow for 50k). */
export async function applyObjects(kubeconfig: string, objects: readonly KubeObject[]): Promise<void> {
  const creds = loadKubeconfig({ paths: [kubeconfig] });
  const agent = new Agent({ keepAlive: true, maxSockets: 16, ca: creds.ca, cert: creds.cert, key: creds.key });
  const patch = (path: string, body: string) =>
    new Promise<void>((ok, fail) => {
      const req = request(
        new URL(`${path}?fieldManager=${FIELD_MANAGER}&force=true`, creds.server),
        { method: 'PATCH', agent, headers: { 'content-type': 'application/apply-patch+yaml' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            (res.statusCode ?? 0) < 300
              ? ok()
              : fail(new Error(`PATCH ${path}: ${res.statusCode} ${Buffer.concat(chunks).toString()}`)),
          );
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  let next = 0;
  const worker = async () => {
    while (next < objects.length) {
      const o = objects[next++]!;
      await patch(benchObjectPath(o), JSON.stringify(o));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  agent.destroy();
}

export function run(
  cmd: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string; seconds: number }> {
  const started = process.hrtime.bigint();
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', fail);
    child.on('close', (code) =>
      ok({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      }),
    );
  });
}

/** Runs gitops-sync drift under /usr/bin/time; wall seconds, requests and peak RSS. */
export async function runOurs(
  folder: string,
  kubeconfig: string,
): Promise<{ seconds: number; requests: number; rssMb: number; objects: number }> {
  const r = await run('/usr/bin/time', [
    '-f',
    'maxrss_kb=%M',
    process.execPath,
    bin,
    'drift',
    '--path',
    folder,
    '--kubeconfig',
    kubeconfig,
    '--output',
    'json',
  ]);
  if (r.code !== 0)
    throw new Error(`gitops-sync drift exited ${r.code} (expected 0, in sync): ${r.stderr.slice(0, 2000)}`);
  const report = JSON.parse(r.stdout) as { summary: { objects: number; requests: number; inSync: number } };
  if (report.summary.inSync !== report.summary.objects)
    throw new Error('gitops-sync drift reported drift on a freshly applied set');
  const rss = /maxrss_kb=(\d+)/.exec(r.stderr);
  return {
    seconds: r.seconds,
    requests: report.summary.requests,
    rssMb: rss ? Number(rss[1]) / 1024 : NaN,
    objects: report.summary.objects,
  };
}

/**
 * Waits until the local cluster's kube-apiserver and etcd are at rest (together under 5 % of a core for two
 * seconds in a row, at most `maxSeconds`): after a bulk apply of thousands of objects they keep working for
 * a while (etcd compaction, the apiserver's garbage collection), and a drift run timed then measures that
 * churn too. Users run drift against a cluster at rest. Resolves with the seconds waited.
 */
export async function waitUntilClusterIdle(runDir: string, maxSeconds = 120): Promise<number> {
  const processes = livePids(runDir).filter(({ name }) => name === 'kube-apiserver' || name === 'etcd');
  if (processes.length !== 2)
    throw new Error(`waitUntilClusterIdle: ${runDir} has no running kube-apiserver and etcd of its own`);
  const pids = processes.map(({ pid }) => pid);
  const total = () => pids.reduce((sum, pid) => sum + (processCpuSeconds(pid) ?? 0), 0);
  const started = Date.now();
  let quiet = 0;
  let before = total();
  while (quiet < 2 && Date.now() - started < maxSeconds * 1000) {
    await new Promise((done) => setTimeout(done, 1000));
    const now = total();
    quiet = now - before < 0.05 ? quiet + 1 : 0;
    before = now;
  }
  return (Date.now() - started) / 1000;
}

/** The Namespaces of `objects`, applied first: parallel workers would otherwise race objects ahead of them. */
export function namespacesOf(objects: readonly { ns: string }[]): KubeObject[] {
  return [...new Set(objects.map((o) => o.ns))].map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  }));
}
