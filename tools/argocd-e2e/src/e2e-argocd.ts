// `npm run e2e:argocd` — the committed tree's real consumer, end to end. For one dev and one prod cluster:
// a bare kube-apiserver with only Argo CD's own CRDs, a real Argo CD (pinned, built from Go modules) reading
// a local git server and a local chart mirror (stand-in charts that install only the CRDs), a test
// environment rendered by the ordinary render command with its Git URL and chartMirror pointed at them, and
// only what a person applies by hand (the AppProjects and the root Application). Then it touches nothing and
// checks that every Application syncs by itself, in wave order, with no first sync blocked; then a merge
// (image bump committed and pushed) syncs by itself; an out-of-band change is reverted (selfHeal) or reported
// with its field manager (manual Application) and synced back with `gitops-sync sync`; and both drift modes
// read the synced cluster as in sync.
//
// Runs inside a private network namespace (re-executes itself under `unshare --net`): every listener stays
// on a loopback no one else sees. Prerequisites: `npm run toolchain` (argocd, helm, kube-apiserver, etcd,
// kubectl, redis-server), root or unprivileged user namespaces, git.
// Flags: --record rewrites gitops-sync's recorded Argo CD fixtures (tools/gitops-sync/test-fixtures/argocd-recorded).
// Exit codes: 0 every check passed · 1 a check failed (the summary line says which) · 2 the harness failed.
// Last line: e2e:argocd applications=<n> synced=<n> healthy=<n> first_sync_blocked=<0|1>
//            merge_to_sync=ok|fail drift_roundtrip=ok|fail false_drift=<n> seconds=<s>
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseDocument, stringify } from 'yaml';
import { CUSTOM_KINDS, loadAreaLayout, SYNC_WAVE_ANNOTATION } from '@go-coffee/render-kit';
import { parseTrackingId, trackingAnnotationOf, type Manifest } from '@go-coffee/kube-objects';
import { runCommand } from '@go-coffee/git-workspace';
import { startLocalCluster } from '@go-coffee/local-cluster';
import type { LocalCluster } from '@go-coffee/local-cluster';
import {
  inPrivateNetwork,
  runInPrivateNetwork,
  serveChartRepository,
  startGitServer,
  startLocalArgoCd,
  ARGOCD_CRD_FILES,
} from '@go-coffee/local-argocd';
import { createWorkspaceCopy, toolSharedFile, workspaceRoot } from '@go-coffee/toolchain';
import type { WorkspaceCopy } from '@go-coffee/toolchain';
import { startArgoCdApiRecorder } from './argocd-api-recorder';
import type { ArgoCdApiRecorder, RecordedExchange } from './argocd-api-recorder';
import { kubectlOk, log, pointEnvironmentAtLocalGit, renderInCopy, until } from './e2e-steps';
import { writeStandInCharts } from './stand-in-charts';

interface ClusterTarget {
  readonly env: 'dev' | 'prod';
  readonly cluster: string;
  /** Merge flow: this service's image is bumped and pushed; its automated Application must apply it. */
  readonly merge?: { readonly service: string; readonly application: string };
  /** Out-of-band change to a Deployment of an Application with selfHeal: Argo CD must revert it. */
  readonly selfHealed?: { readonly deployment: string; readonly namespace: string };
  /** Out-of-band change to a Deployment of a manual Application: reported, then synced back by gitops-sync. */
  readonly manual?: { readonly deployment: string; readonly namespace: string; readonly application: string };
}

const TARGETS: readonly ClusterTarget[] = [
  {
    env: 'dev',
    cluster: 'dev-aws-us-east-1',
    merge: { service: 'api-gateway', application: 'core-services' },
    selfHealed: { deployment: 'api-gateway', namespace: 'go-coffee' },
  },
  {
    env: 'prod',
    cluster: 'prod-aws-us-east-1',
    manual: { deployment: 'web3-payment-service', namespace: 'go-coffee', application: 'web3-payment' },
  },
];

const REPOSITORY = 'go-coffee-gitops.git';
const SYNC_TIMEOUT_MS = 420_000;
const FIRST_SYNC_BLOCKED = /failed to discover server resources|could not find the requested resource/i;

/**
 * The TEST's health overrides, never the product's: no operator runs in the test cluster, so custom resources
 * would stay Progressing under Argo CD's built-in checks. Argo CD's own kinds keep the product's check.
 */
function testHealthOverrides(): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const kind of CUSTOM_KINDS) {
    if (kind.group === 'argoproj.io') continue;
    overrides[`resource.customizations.health.${kind.group}_${kind.kind}`] =
      'return { status = "Healthy", message = "e2e test override: no operator runs in the test cluster" }\n';
  }
  return overrides;
}

/** The part of a rendered Helm Application source the e2e reads. */
interface HelmSource {
  readonly chart?: string;
  readonly helm?: { readonly valuesObject?: { readonly configs?: { readonly cm?: Record<string, unknown> } } };
}

interface ArgoApp {
  metadata: { name: string; creationTimestamp?: string };
  spec: { syncPolicy?: { automated?: unknown } };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string };
    conditions?: { type?: string; message?: string }[];
    operationState?: {
      phase?: string;
      message?: string;
      syncResult?: { revision?: string; resources?: { message?: string }[] };
    };
  };
}

interface ClusterResult {
  readonly cluster: string;
  readonly applications: number;
  readonly synced: number;
  readonly healthy: number;
  readonly blocked: readonly string[];
  readonly wavesWaited: boolean;
  readonly mergeToSync?: boolean;
  readonly driftRoundtrip?: boolean;
  readonly falseDrift: number;
  readonly notes: readonly string[];
}

async function argoGet<T>(apiUrl: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`Argo CD GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Runs gitops-sync as a person would. Asynchronous: the API recorder it talks to lives in this process. */
async function gitopsSync(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const result = await runCommand(
    process.execPath,
    [join(workspaceRoot(), 'tools/gitops-sync/bin/gitops-sync.mjs'), ...args],
    process.cwd(),
    env,
  );
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Reads every rendered file of one cluster folder in the workspace copy. */
function renderedCluster(copy: WorkspaceCopy, cluster: string): { path: string; manifest: Manifest }[] {
  const root = join(copy.root, 'gitops', cluster);
  // Folders only: the cluster's generated README.md (its picture) sits beside them.
  const folders = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return folders.flatMap(({ name: folder }) =>
    readdirSync(join(root, folder)).map((file) => ({
      path: `${folder}/${file}`,
      manifest: parse(readFileSync(join(root, folder, file), 'utf8')) as Manifest,
    })),
  );
}

/** Points the environment at the local git server and chart mirror (a test environment), renders, commits. */
function renderTestEnvironment(
  copy: WorkspaceCopy,
  target: ClusterTarget,
  repoURL: string,
  chartMirror: string,
): string {
  pointEnvironmentAtLocalGit(copy, target.env, repoURL, (doc) => doc.set('chartMirror', chartMirror));
  render(copy, target);
  return copy.commitAll(`test environment ${target.cluster}: Git and charts from the local servers`);
}

function render(copy: WorkspaceCopy, target: ClusterTarget): void {
  renderInCopy(copy, ['--env', target.env, '--cluster', target.cluster], target.cluster);
}

/** `kubectl set image` behind Argo CD's back (as a person would); returns the image it replaced. */
async function changeImageOutOfBand(cluster: LocalCluster, namespace: string, deployment: string): Promise<string> {
  const before = await liveImage(cluster, namespace, deployment);
  const outOfBand = before.replace(/:[^:]+$/, ':0.0.0-out-of-band');
  await kubectlOk(cluster, ['set', 'image', '-n', namespace, `deployment/${deployment}`, `*=${outOfBand}`]);
  return before;
}

async function liveImage(cluster: LocalCluster, namespace: string, deployment: string): Promise<string> {
  return kubectlOk(cluster, [
    'get',
    'deployment',
    '-n',
    namespace,
    deployment,
    '-o',
    'jsonpath={.spec.template.spec.containers[0].image}',
  ]);
}

/** Findings a drift report (JSON) lists: modified, missing and orphaned objects. */
function findingsOf(stdout: string): number {
  try {
    const report = JSON.parse(stdout) as { modified?: unknown[]; missing?: unknown[]; orphans?: unknown[] };
    return (report.modified?.length ?? 0) + (report.missing?.length ?? 0) + (report.orphans?.length ?? 0);
  } catch {
    return Number.NaN;
  }
}

async function runCluster(
  copy: WorkspaceCopy,
  target: ClusterTarget,
  recorded: Map<string, RecordedExchange[]>,
): Promise<ClusterResult> {
  const notes: string[] = [];
  const cluster = await startLocalCluster();
  let chartRepo: Awaited<ReturnType<typeof serveChartRepository>> | undefined;
  let recorder: ArgoCdApiRecorder | undefined;
  try {
    const gitBase = join(cluster.runDir, 'git');
    mkdirSync(gitBase);
    const git = await startGitServer(cluster.runDir, gitBase);
    const argoCdCrds = ARGOCD_CRD_FILES.map((f) => readFileSync(toolSharedFile('argocd', f), 'utf8')).join('\n---\n');
    const { charts } = await loadAreaLayout(copy.root);
    const standIns = writeStandInCharts(join(cluster.runDir, 'stand-in-charts'), argoCdCrds, charts);
    chartRepo = await serveChartRepository(standIns, join(cluster.runDir, 'chart-repository'));
    const repoURL = git.url(REPOSITORY);
    const bare = join(gitBase, REPOSITORY);
    renderTestEnvironment(copy, target, repoURL, chartRepo.url);
    copy.git('clone', '-q', '--bare', copy.root, bare);

    const files = renderedCluster(copy, target.cluster);
    const applications = files.filter((f) => f.manifest.kind === 'Application');
    const expected = new Set(applications.map((f) => f.manifest.metadata.name));
    const helmSource = (f: { manifest: Manifest }) => (f.manifest.spec as { source?: HelmSource } | undefined)?.source;
    const argoCdApp = applications.find((f) => helmSource(f)?.chart === 'argo-cd');
    const productConfig = (argoCdApp && helmSource(argoCdApp)?.helm?.valuesObject?.configs?.cm) ?? {};
    const config: Record<string, string> = {
      // Argo CD's own configuration exactly as the tree renders it (tracking method, Application health check).
      ...Object.fromEntries(Object.entries(productConfig).map(([k, v]) => [k, String(v)])),
      ...testHealthOverrides(),
      // Poll Git every 10 s instead of 3 min (a webhook does this on a real cluster).
      'timeout.reconciliation': '10s',
      'timeout.reconciliation.jitter': '0s',
    };
    const argo = await startLocalArgoCd(cluster, { config, controllerArgs: ['--self-heal-timeout-seconds=2'] });
    const token = await argo.adminToken();
    recorder = await startArgoCdApiRecorder(argo.apiUrl);
    const syncEnv = { ...process.env, ARGOCD_AUTH_TOKEN: token, ARGOCD_SERVER: recorder.url };
    log(`${target.cluster}: Argo CD ${argo.apiUrl}, git ${repoURL}, chart mirror ${chartRepo.url}`);

    // What a person applies by hand: the AppProjects and the root Application. Nothing else, ever.
    const bootstrap = files.filter(
      (f) =>
        f.manifest.kind === 'AppProject' || (f.manifest.kind === 'Application' && f.manifest.metadata.name === 'root'),
    );
    for (const kind of ['AppProject', 'Application']) {
      await kubectlOk(
        cluster,
        ['apply', '--server-side', '-f', '-'],
        bootstrap
          .filter((f) => f.manifest.kind === kind)
          .map((f) => stringify(f.manifest))
          .join('---\n'),
      );
    }
    const t0 = Date.now();

    // Watch until every rendered Application is Synced; sync by hand only what the environment says is manual.
    const firstSeen = new Map<string, number>();
    const firstHealthy = new Map<string, number>();
    const blocked = new Set<string>();
    const manuallySynced = new Set<string>();
    let apps: ArgoApp[] = [];
    await until(`every Application of ${target.cluster} Synced`, SYNC_TIMEOUT_MS, async () => {
      apps = (await argoGet<{ items: ArgoApp[] | null }>(argo.apiUrl, token, '/api/v1/applications')).items ?? [];
      const now = Date.now() - t0;
      for (const app of apps) {
        const name = app.metadata.name;
        if (!firstSeen.has(name)) firstSeen.set(name, now);
        if (app.status?.health?.status === 'Healthy' && !firstHealthy.has(name)) firstHealthy.set(name, now);
        const messages = [
          ...(app.status?.conditions ?? []).map((c) => c.message ?? ''),
          app.status?.operationState?.message ?? '',
          ...(app.status?.operationState?.syncResult?.resources ?? []).map((r) => r.message ?? ''),
        ];
        const hit = messages.find((m) => FIRST_SYNC_BLOCKED.test(m));
        if (hit) blocked.add(`${name}: ${hit.slice(0, 300)}`);
        const manual = app.spec.syncPolicy?.automated === undefined;
        if (manual && app.status?.sync?.status === 'OutOfSync' && !manuallySynced.has(name)) {
          manuallySynced.add(name);
          const res = await gitopsSync(['sync', name], syncEnv);
          log(
            `  ${name} is manual in ${target.env}: gitops-sync sync ${name} → exit ${res.code} ${(res.stdout + res.stderr).trim()}`,
          );
        }
      }
      const done = [...expected].every((name) => {
        const app = apps.find((a) => a.metadata.name === name);
        return app?.status?.sync?.status === 'Synced' && app.status.operationState?.phase !== 'Running';
      });
      return done ? true : undefined;
    });
    log(
      `  first sync: ${((Date.now() - t0) / 1000).toFixed(1)}s; manual syncs: ${[...manuallySynced].join(', ') || 'none'}`,
    );

    // Waves really wait: no child of the root appears before every child of an earlier wave is Healthy.
    const rootChildren = files.filter((f) => f.path.startsWith('applications/') && f.manifest.metadata.name !== 'root');
    const waveOf = (name: string) =>
      Number(
        rootChildren.find((f) => f.manifest.metadata.name === name)?.manifest.metadata.annotations?.[
          SYNC_WAVE_ANNOTATION
        ] ?? 0,
      );
    let wavesWaited = true;
    for (const later of rootChildren) {
      for (const earlier of rootChildren) {
        const [a, b] = [earlier.manifest.metadata.name, later.manifest.metadata.name];
        if (waveOf(a) >= waveOf(b)) continue;
        const healthyAt = firstHealthy.get(a);
        const seenAt = firstSeen.get(b);
        if (seenAt === undefined || healthyAt === undefined || seenAt < healthyAt) {
          wavesWaited = false;
          notes.push(
            `wave order: ${b} (wave ${waveOf(b)}) appeared at ${seenAt}ms, before ${a} (wave ${waveOf(a)}) was Healthy (${healthyAt}ms)`,
          );
        }
      }
    }

    const byName = new Map(apps.map((a) => [a.metadata.name, a]));
    const synced = [...expected].filter((n) => byName.get(n)?.status?.sync?.status === 'Synced').length;
    const healthy = [...expected].filter((n) => byName.get(n)?.status?.health?.status === 'Healthy').length;
    for (const name of [...expected].sort()) {
      const app = byName.get(name);
      log(
        `  ${name.padEnd(26)} ${(app?.status?.sync?.status ?? 'absent').padEnd(10)} ${app?.status?.health?.status ?? ''}`,
      );
    }
    // Without a kubelet no Deployment ever becomes available: what holds Deployments stays Progressing.
    const holdsDeployments = new Set(
      files
        .filter((f) => f.manifest.kind === 'Deployment')
        .map((f) => parseTrackingId(trackingAnnotationOf(f.manifest))?.application ?? ''),
    );
    for (const name of holdsDeployments) {
      const health = byName.get(name)?.status?.health?.status;
      if (health !== 'Progressing')
        notes.push(`${name} holds Deployments (no kubelet) but is ${health}, expected Progressing`);
    }

    let mergeToSync: boolean | undefined;
    let driftRoundtrip: boolean | undefined;
    let falseDrift = 0;
    const path = join(copy.root, 'gitops', target.cluster);

    if (target.merge) {
      // A merged pull request: the image bump, re-rendered, committed and pushed to the branch Argo CD reads.
      const imagesFile = join(copy.root, 'environments', 'images', `${target.env}.yaml`);
      const images = parseDocument(readFileSync(imagesFile, 'utf8'));
      const current = String(images.get(target.merge.service));
      // The next release of the same line: 1.5.0-rc.2 → 1.5.0-rc.3, 1.4.2 → 1.4.3.
      const bumped = current.replace(/(\d+)$/, (n) => String(Number(n) + 1));
      images.set(target.merge.service, bumped);
      writeFileSync(imagesFile, images.toString());
      render(copy, target);
      const sha = copy.commitAll(`promote ${target.merge.service} ${bumped} to ${target.env}`);
      copy.git('push', '-q', bare, 'HEAD:main');
      const t1 = Date.now();
      const applied = await until(`${target.merge.application} applies ${bumped}`, 120_000, async () => {
        const app = await argoGet<ArgoApp>(argo.apiUrl, token, `/api/v1/applications/${target.merge!.application}`);
        const image = await liveImage(cluster, 'go-coffee', target.merge!.service);
        return app.status?.sync?.status === 'Synced' && app.status.sync.revision === sha && image.endsWith(`:${bumped}`)
          ? true
          : undefined;
      });
      log(
        `  merge → sync: ${applied ? `${((Date.now() - t1) / 1000).toFixed(1)}s` : 'not applied'} (${target.merge.service} ${bumped}, ${sha.slice(0, 12)})`,
      );
      const status = await gitopsSync(['status', '--output', 'json'], syncEnv);
      const row = (
        JSON.parse(status.stdout || '{}') as { applications?: { name: string; sync: string; revision: string }[] }
      ).applications?.find((r) => r.name === target.merge!.application);
      const drift = await gitopsSync(['drift', '--argocd', recorder.url, '--path', path, '--output', 'json'], syncEnv);
      const argoFindings = findingsOf(drift.stdout);
      if (drift.code !== 0) {
        falseDrift += Number.isNaN(argoFindings) ? 1 : argoFindings;
        notes.push(
          `drift --argocd after the merge: exit ${drift.code}, ${argoFindings} findings\n${drift.stdout.slice(0, 4000)}${drift.stderr.slice(0, 2000)}`,
        );
      }
      mergeToSync = applied === true && row?.sync === 'Synced' && row.revision === sha && drift.code === 0;
    }

    if (target.selfHealed) {
      const { deployment, namespace } = target.selfHealed;
      const before = await changeImageOutOfBand(cluster, namespace, deployment);
      const reverted = await until(`${deployment} reverted by selfHeal`, 90_000, async () =>
        (await liveImage(cluster, namespace, deployment)) === before ? true : undefined,
      );
      log(`  out-of-band change to ${deployment} (selfHeal on): ${reverted ? 'reverted' : 'NOT reverted'}`);
      driftRoundtrip = reverted === true;
    }

    if (target.manual) {
      const { deployment, namespace, application } = target.manual;
      const before = await changeImageOutOfBand(cluster, namespace, deployment);
      const seen = await until(`${application} OutOfSync after the out-of-band change`, 90_000, async () => {
        const app = await argoGet<ArgoApp>(argo.apiUrl, token, `/api/v1/applications/${application}?refresh=normal`);
        return app.status?.sync?.status === 'OutOfSync' ? true : undefined;
      });
      const drift = await gitopsSync(['drift', '--argocd', recorder.url, '--path', path], syncEnv);
      const reported = drift.code === 1 && /out-of-band/.test(drift.stdout) && /kubectl-set/.test(drift.stdout);
      log(
        `  out-of-band change to ${deployment} (manual): drift exit ${drift.code}, reported with field manager: ${reported}`,
      );
      if (!reported)
        notes.push(
          `drift --argocd did not report the out-of-band change with its field manager:\n${drift.stdout.slice(0, 3000)}${drift.stderr.slice(0, 1000)}`,
        );
      const sync = await gitopsSync(['sync', application], syncEnv);
      const restored = await until(`${deployment} restored by gitops-sync sync ${application}`, 90_000, async () =>
        (await liveImage(cluster, namespace, deployment)) === before ? true : undefined,
      );
      log(`  gitops-sync sync ${application}: exit ${sync.code}, ${restored ? 'restored' : 'NOT restored'}`);
      driftRoundtrip = seen === true && reported && sync.code === 0 && restored === true;
    }

    // Settled cluster: both drift modes must read it as in sync (Argo CD's annotations and field manager included).
    await until(`${target.cluster} settled`, 120_000, async () => {
      const list = (await argoGet<{ items: ArgoApp[] | null }>(argo.apiUrl, token, '/api/v1/applications')).items ?? [];
      return list.every((a) => a.status?.sync?.status === 'Synced' && a.status.operationState?.phase !== 'Running')
        ? true
        : undefined;
    });
    const kubeDrift = await gitopsSync(
      ['drift', '--path', path, '--kubeconfig', cluster.readOnlyKubeconfig, '--output', 'json'],
      process.env,
    );
    const kubeFindings = findingsOf(kubeDrift.stdout);
    log(`  drift (kube API) on the synced cluster: exit ${kubeDrift.code}, findings ${kubeFindings}`);
    if (kubeDrift.code !== 0) {
      falseDrift += Number.isNaN(kubeFindings) ? 1 : kubeFindings;
      notes.push(
        `drift (kube API): exit ${kubeDrift.code}\n${kubeDrift.stdout.slice(0, 4000)}${kubeDrift.stderr.slice(0, 2000)}`,
      );
    }
    const argoDrift = await gitopsSync(
      ['drift', '--argocd', recorder.url, '--path', path, '--output', 'json'],
      syncEnv,
    );
    const argoFindings = findingsOf(argoDrift.stdout);
    log(`  drift (Argo CD API) on the synced cluster: exit ${argoDrift.code}, findings ${argoFindings}`);
    if (argoDrift.code !== 0) {
      falseDrift += Number.isNaN(argoFindings) ? 1 : argoFindings;
      notes.push(
        `drift --argocd: exit ${argoDrift.code}\n${argoDrift.stdout.slice(0, 4000)}${argoDrift.stderr.slice(0, 2000)}`,
      );
    }
    recorded.set(target.cluster, [...recorder.exchanges]);
    return {
      cluster: target.cluster,
      applications: expected.size,
      synced,
      healthy,
      blocked: [...blocked],
      wavesWaited,
      mergeToSync,
      driftRoundtrip,
      falseDrift,
      notes,
    };
  } finally {
    await recorder?.close();
    await chartRepo?.close();
    await cluster.stop();
  }
}

/**
 * Keeps, per scenario, the response a real Argo CD gave to gitops-sync, as fixtures of gitops-sync's Argo CD
 * tests: the application list and an in-sync Application's managed resources (dev), a manual Application's
 * managed resources right after an out-of-band change, and the sync that restored it (prod).
 */
function writeRecordedFixtures(recorded: ReadonlyMap<string, readonly RecordedExchange[]>): void {
  const dir = join(workspaceRoot(), 'tools', 'gitops-sync', 'test-fixtures', 'argocd-recorded');
  mkdirSync(dir, { recursive: true });
  const ok = (cluster: string, method: string, path: string) =>
    (recorded.get(cluster) ?? []).filter((e) => e.method === method && e.path === path && e.status === 200);
  const files: Record<string, RecordedExchange | undefined> = {
    'applications.json': ok('dev-aws-us-east-1', 'GET', '/api/v1/applications').at(-1),
    'managed-resources-core-services-in-sync.json': ok(
      'dev-aws-us-east-1',
      'GET',
      '/api/v1/applications/core-services/managed-resources',
    ).at(-1),
    'managed-resources-web3-payment-out-of-band.json': ok(
      'prod-aws-us-east-1',
      'GET',
      '/api/v1/applications/web3-payment/managed-resources',
    ).at(0),
    'sync-web3-payment.json': ok('prod-aws-us-east-1', 'POST', '/api/v1/applications/web3-payment/sync').at(-1),
  };
  for (const [name, exchange] of Object.entries(files)) {
    if (!exchange) throw new Error(`--record: no successful exchange recorded for ${name}`);
    writeFileSync(join(dir, name), `${JSON.stringify(exchange, null, 2)}\n`);
  }
  log(`recorded ${Object.keys(files).length} Argo CD API exchanges into ${dir}`);
}

async function main(argv: readonly string[]): Promise<number> {
  if (!inPrivateNetwork()) {
    return runInPrivateNetwork(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...argv]);
  }
  const started = Date.now();
  const copy = createWorkspaceCopy({ excludePrefixes: ['gitops/'] });
  const results: ClusterResult[] = [];
  const recorded = new Map<string, RecordedExchange[]>();
  try {
    for (const target of TARGETS) results.push(await runCluster(copy, target, recorded));
  } finally {
    copy.dispose();
  }
  if (argv.includes('--record')) writeRecordedFixtures(recorded);
  for (const result of results) {
    for (const blocked of result.blocked) log(`${result.cluster}: first sync blocked: ${blocked}`);
    for (const note of result.notes) log(`${result.cluster}: ${note}`);
    log(`${result.cluster}: waves_waited=${result.wavesWaited ? 'ok' : 'fail'}`);
  }
  const sum = (pick: (r: ClusterResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  const applications = sum((r) => r.applications);
  const synced = sum((r) => r.synced);
  const healthy = sum((r) => r.healthy);
  const blocked = results.some((r) => r.blocked.length > 0) ? 1 : 0;
  const merge = results.every((r) => r.mergeToSync !== false) && results.some((r) => r.mergeToSync === true);
  const roundtrip = results.every((r) => r.driftRoundtrip !== false) && results.some((r) => r.driftRoundtrip === true);
  const falseDrift = sum((r) => r.falseDrift);
  const wavesWaited = results.every((r) => r.wavesWaited);
  const expectationsMet = results.every((r) => r.notes.every((n) => !n.includes('expected Progressing')));
  const passed =
    synced === applications &&
    blocked === 0 &&
    merge &&
    roundtrip &&
    falseDrift === 0 &&
    wavesWaited &&
    expectationsMet;
  log(
    `e2e:argocd applications=${applications} synced=${synced} healthy=${healthy} first_sync_blocked=${blocked} ` +
      `merge_to_sync=${merge ? 'ok' : 'fail'} drift_roundtrip=${roundtrip ? 'ok' : 'fail'} false_drift=${falseDrift} ` +
      `seconds=${Math.round((Date.now() - started) / 1000)}`,
  );
  return passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`e2e:argocd: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
