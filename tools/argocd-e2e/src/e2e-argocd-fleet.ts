// `npm run e2e:argocd:fleet` — the fleet bootstrap (`argocd.fleetBootstrap: applicationSet`) against a real
// Argo CD v3.6.1 with its ApplicationSet controller. A test dev environment declared as a fleet (aws × three
// regions) is rendered by the ordinary render command: its first cluster is the hub, the other two are spokes.
// Three local control planes: the hub runs Argo CD (server, repo-server, application-controller,
// applicationset-controller); each spoke has Argo CD's CRDs and namespace only, standing in for the spoke's own
// Argo CD install, which this test does not start. The hub gets what its root would apply (its AppProjects and
// the rendered ApplicationSet) and one cluster Secret per spoke, registered as a person (or a cluster factory)
// registers a cluster. Then nothing is touched: the ApplicationSet must create each spoke's root, identical in
// spec to the hand-applied root (destination: the registered spoke), and each root must sync the spoke's
// child Applications into that spoke. The hub's own app of apps is what `npm run e2e:argocd` proves.
// The hub's application controller runs as the rendered Argo CD values configure it (the argo-cd Application in
// gitops/<hub>/applications): `controller.replicas` processes, each with ARGOCD_CONTROLLER_REPLICAS and its
// shard ordinal, the sharding algorithm from `configs.params."controller.sharding.algorithm"`. Each controller's
// Prometheus endpoint must then show that the clusters are split as the algorithm assigns them: every spoke's
// cluster cache (argocd_cluster_info), its root resolved to that spoke (argocd_app_info{dest_server}) and the
// root's successful sync (argocd_app_sync_total) on exactly one controller, the shard predicted from the
// cluster Secrets' ids (controller-shard-assignment.ts).
//
// Runs inside a private network namespace (re-executes itself under `unshare --net`). Prerequisites:
// `npm run toolchain` (argocd, kube-apiserver, etcd, kubectl, redis-server), root or user namespaces, git.
// Exit codes: 0 every check passed · 1 a check failed (the summary line says which) · 2 the harness failed.
// Last line: e2e:argocd-fleet spokes=<n> roots_created=<n> roots_identical=<n> roots_synced=<n>
//            child_applications=<present>/<expected> controller_shards=<running>/<rendered replicas>
//            sharding=<algorithm> clusters_per_shard=<spokes on shard 0>,<on shard 1>,...
//            clusters_on_assigned_shard=<n>/<spokes> seconds=<s>
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { Manifest } from '@go-coffee/kube-objects';
import { startLocalCluster } from '@go-coffee/local-cluster';
import type { LocalCluster } from '@go-coffee/local-cluster';
import {
  ARGOCD_CRD_FILES,
  ARGOCD_NAMESPACE,
  inPrivateNetwork,
  runInPrivateNetwork,
  startGitServer,
  startLocalArgoCd,
} from '@go-coffee/local-argocd';
import type { LocalArgoCdController } from '@go-coffee/local-argocd';
import { createWorkspaceCopy, toolSharedFile } from '@go-coffee/toolchain';
import type { WorkspaceCopy } from '@go-coffee/toolchain';
import { assignShards } from './controller-shard-assignment';
import type { ShardableCluster } from './controller-shard-assignment';
import { kubectlOk, log, pointEnvironmentAtLocalGit, renderInCopy, until } from './e2e-steps';
import { parsePrometheusText } from './prometheus-samples';
import type { PrometheusSample } from './prometheus-samples';

const ENVIRONMENT = 'dev';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
const REPOSITORY = 'go-coffee-gitops.git';
const SYNC_TIMEOUT_MS = 300_000;
/** The controllers refresh their cluster metrics every 30 s (controller/metrics/clustercollector.go). */
const METRICS_TIMEOUT_MS = 120_000;
/** What Argo CD calls the destination it runs in; its cluster id is empty. */
const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
/** Argo CD's default when argocd-cmd-params-cm sets none (common.DefaultShardingAlgorithm). */
const DEFAULT_SHARDING_ALGORITHM = 'legacy';

interface ArgoApp {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: {
    sync?: { status?: string };
    health?: { status?: string };
    operationState?: { phase?: string; message?: string };
    conditions?: { type?: string; message?: string }[];
  };
}

/** The test environment: dev declared as a fleet with the ApplicationSet bootstrap, Git from the local server. */
function renderFleetEnvironment(copy: WorkspaceCopy, repoURL: string): void {
  pointEnvironmentAtLocalGit(copy, ENVIRONMENT, repoURL, (doc) => {
    doc.delete('clusters');
    doc.set('fleet', { clouds: ['aws'], regions: { aws: [...REGIONS] } });
    doc.set('argocd', {
      fleetBootstrap: 'applicationSet',
      controller: { replicas: 2, shardingAlgorithm: 'round-robin' },
    });
  });
  renderInCopy(copy, ['--env', ENVIRONMENT], 'the fleet environment');
  copy.commitAll('test environment: dev as an ApplicationSet fleet, Git from the local server');
}

function renderedApplications(copy: WorkspaceCopy, cluster: string): Manifest[] {
  const dir = join(copy.root, 'gitops', cluster, 'applications');
  return readdirSync(dir).map((file) => parse(readFileSync(join(dir, file), 'utf8')) as Manifest);
}

function renderedFolder(copy: WorkspaceCopy, cluster: string, folder: string): Manifest[] {
  const dir = join(copy.root, 'gitops', cluster, folder);
  return readdirSync(dir).map((file) => parse(readFileSync(join(dir, file), 'utf8')) as Manifest);
}

/** The hub's application-controller settings as rendered into its argo-cd Application's Helm values. */
interface RenderedControllerSharding {
  readonly replicas: number;
  readonly algorithm: string;
  /** The argocd-cmd-params-cm entries the chart would write for the controller. */
  readonly params: Record<string, string>;
}

function renderedControllerSharding(copy: WorkspaceCopy, hub: string): RenderedControllerSharding {
  const argoCd = renderedApplications(copy, hub).find((m) => m.metadata.name === 'argo-cd');
  const where = `gitops/${hub}/applications (Application argocd/argo-cd)`;
  if (!argoCd) throw new Error(`no argo-cd Application rendered into ${where}`);
  const values = (argoCd.spec as { source?: { helm?: { valuesObject?: Record<string, unknown> } } }).source?.helm
    ?.valuesObject;
  if (!values) throw new Error(`${where}: no spec.source.helm.valuesObject`);
  const controller = (values.controller ?? {}) as { replicas?: unknown; dynamicClusterDistribution?: unknown };
  const params = ((values.configs as { params?: Record<string, unknown> } | undefined)?.params ?? {}) as Record<
    string,
    unknown
  >;
  if (controller.dynamicClusterDistribution === true) {
    throw new Error(
      `${where}: controller.dynamicClusterDistribution is true; the chart then runs a Deployment whose shards ` +
        'claim themselves through argocd-app-controller-shard-cm, which this e2e does not model',
    );
  }
  // The chart's defaults when the values leave them out: one replica, no algorithm (Argo CD's default).
  const replicas = controller.replicas ?? 1;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 1) {
    throw new Error(`${where}: controller.replicas must be a whole number of at least 1, got ${String(replicas)}`);
  }
  const algorithm = params['controller.sharding.algorithm'];
  if (algorithm !== undefined && typeof algorithm !== 'string') {
    throw new Error(`${where}: configs.params."controller.sharding.algorithm" must be a string`);
  }
  return {
    replicas,
    algorithm: algorithm ?? DEFAULT_SHARDING_ALGORITHM,
    params: algorithm === undefined ? {} : { 'controller.sharding.algorithm': algorithm },
  };
}

/** Every controller's samples of the metrics the sharding check reads, by shard. */
async function scrapeControllers(controllers: readonly LocalArgoCdController[]): Promise<PrometheusSample[][]> {
  const wanted = new Set(['argocd_cluster_info', 'argocd_app_info', 'argocd_app_sync_total']);
  return Promise.all(
    controllers.map(async (controller) => {
      const exited = controller.process.exited();
      if (exited) throw new Error(exited);
      const res = await fetch(controller.metricsUrl);
      if (!res.ok) throw new Error(`${controller.metricsUrl}: HTTP ${res.status}`);
      return parsePrometheusText(await res.text()).filter((sample) => wanted.has(sample.name));
    }),
  );
}

/** The shards whose samples include `name` with every label of `labels`. */
function shardsExporting(
  scrape: readonly PrometheusSample[][],
  name: string,
  labels: Readonly<Record<string, string>>,
): number[] {
  return scrape.flatMap((samples, shard) =>
    samples.some(
      (s) => s.name === name && s.value > 0 && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
    )
      ? [shard]
      : [],
  );
}

/** What the controllers' metrics say about the split of the spokes over the shards. */
interface ControllerShardsVerdict {
  /** Controller processes still running. */
  readonly running: number;
  /** Per shard, the spokes whose cluster cache it holds. */
  readonly perShard: readonly number[];
  /** Spokes whose cluster cache, root and root sync are on the assigned shard and on no other. */
  readonly onAssignedShard: number;
}

/**
 * Which shard Argo CD's algorithm assigns each spoke, from the cluster ids (the Secrets' uids; the in-cluster
 * destination's is empty), against what each controller process exports; each miss goes to `notes`.
 */
async function checkControllerShards(
  hub: LocalCluster,
  controllers: readonly LocalArgoCdController[],
  sharding: RenderedControllerSharding,
  argoConfig: Readonly<Record<string, string>>,
  spokes: ReadonlyMap<string, LocalCluster>,
  roots: ReadonlyMap<string, string>,
  notes: string[],
): Promise<ControllerShardsVerdict> {
  const secrets = JSON.parse(
    await kubectlOk(hub, [
      'get',
      'secrets',
      '-n',
      ARGOCD_NAMESPACE,
      '-l',
      'argocd.argoproj.io/secret-type=cluster',
      '-o',
      'json',
    ]),
  ) as { items: { metadata: { name: string; uid: string } }[] };
  const shardable: ShardableCluster[] = [...spokes].map(([name, spoke]) => {
    const secret = secrets.items.find((item) => item.metadata.name === `cluster-${name}`);
    if (!secret) throw new Error(`cluster Secret cluster-${name} not found on the hub`);
    return { server: spoke.server, id: secret.metadata.uid };
  });
  if (argoConfig['cluster.inClusterEnabled'] !== 'false') shardable.push({ server: IN_CLUSTER_SERVER, id: '' });
  const assigned = assignShards(shardable, sharding.replicas, sharding.algorithm);
  let scrape: PrometheusSample[][] = [];
  await until('every spoke cluster and root in the metrics of a controller', METRICS_TIMEOUT_MS, async () => {
    scrape = await scrapeControllers(controllers);
    const seen = [...roots].every(
      ([name, root]) =>
        shardsExporting(scrape, 'argocd_cluster_info', { server: spokes.get(name)!.server }).length > 0 &&
        shardsExporting(scrape, 'argocd_app_info', { name: root }).length > 0,
    );
    return seen ? true : undefined;
  });
  const perShard = controllers.map(() => 0);
  let onAssignedShard = 0;
  for (const [spokeName, root] of roots) {
    const server = spokes.get(spokeName)!.server;
    const want = assigned.get(server)!;
    const clusterOn = shardsExporting(scrape, 'argocd_cluster_info', { server });
    const rootOn = shardsExporting(scrape, 'argocd_app_info', { name: root, dest_server: server });
    const syncedOn = shardsExporting(scrape, 'argocd_app_sync_total', { name: root, phase: 'Succeeded' });
    for (const shard of clusterOn) perShard[shard]! += 1;
    const only = (shards: number[]) => shards.length === 1 && shards[0] === want;
    if (only(clusterOn) && only(rootOn) && only(syncedOn)) onAssignedShard += 1;
    else {
      notes.push(
        `${spokeName}: assigned shard ${want}, but cluster cache on [${clusterOn.join(',')}], ` +
          `${root} on [${rootOn.join(',')}], its successful sync on [${syncedOn.join(',')}]`,
      );
    }
    log(
      `  ${spokeName.padEnd(28)} shard ${want} (${sharding.algorithm}) → cluster cache on [${clusterOn.join(',')}], ` +
        `${root} on [${rootOn.join(',')}], synced by [${syncedOn.join(',')}]`,
    );
  }
  const running = controllers.filter((c) => c.process.exited() === undefined).length;
  return { running, perShard, onAssignedShard };
}

/** A cluster Secret registering `spoke` with the hub: its admin credentials, labelled for the generator. */
function clusterSecret(name: string, spoke: LocalCluster): Record<string, unknown> {
  const kubeconfig = parse(readFileSync(spoke.adminKubeconfig, 'utf8')) as {
    clusters: { cluster: { 'certificate-authority-data': string } }[];
    users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
  };
  const user = kubeconfig.users[0]!.user;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `cluster-${name}`,
      namespace: ARGOCD_NAMESPACE,
      labels: {
        'argocd.argoproj.io/secret-type': 'cluster',
        'go-coffee.io/environment': ENVIRONMENT,
        'go-coffee.io/cluster': name,
      },
    },
    type: 'Opaque',
    stringData: {
      name,
      server: spoke.server,
      config: JSON.stringify({
        tlsClientConfig: {
          caData: kubeconfig.clusters[0]!.cluster['certificate-authority-data'],
          certData: user['client-certificate-data'],
          keyData: user['client-key-data'],
        },
      }),
    },
  };
}

/** The ApplicationSet template filled in for one cluster, as the ApplicationSet controller fills it. */
function expectedRootSpec(applicationSet: Manifest, cluster: string): unknown {
  const template = (applicationSet.spec as { template: { spec: unknown } }).template.spec;
  return JSON.parse(JSON.stringify(template).replaceAll('{{ .name }}', cluster));
}

/** Deep equality of the rendered spec with the live one, ignoring fields Argo CD defaults on the live object. */
function sameSpec(expected: unknown, live: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return expected === live;
  if (live === null || typeof live !== 'object') return false;
  if (Array.isArray(expected)) {
    return Array.isArray(live) && expected.length === live.length && expected.every((v, i) => sameSpec(v, live[i]));
  }
  return Object.entries(expected).every(([key, value]) => sameSpec(value, (live as Record<string, unknown>)[key]));
}

async function main(argv: readonly string[]): Promise<number> {
  if (!inPrivateNetwork()) {
    return runInPrivateNetwork(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...argv]);
  }
  const started = Date.now();
  const copy = createWorkspaceCopy({ excludePrefixes: ['gitops/'] });
  const clusters: LocalCluster[] = [];
  try {
    const hub = await startLocalCluster();
    clusters.push(hub);
    const spokeNames = REGIONS.slice(1).map((region) => `${ENVIRONMENT}-aws-${region}`);
    const hubName = `${ENVIRONMENT}-aws-${REGIONS[0]}`;
    const spokes = new Map<string, LocalCluster>();
    for (const name of spokeNames) {
      const spoke = await startLocalCluster();
      clusters.push(spoke);
      spokes.set(name, spoke);
    }

    const gitBase = join(hub.runDir, 'git');
    mkdirSync(gitBase);
    const git = await startGitServer(hub.runDir, gitBase);
    const repoURL = git.url(REPOSITORY);
    renderFleetEnvironment(copy, repoURL);
    copy.git('clone', '-q', '--bare', copy.root, join(gitBase, REPOSITORY));

    // Each spoke: Argo CD's CRDs and namespace, as its own Argo CD install leaves them (not started here).
    const crds = ARGOCD_CRD_FILES.map((f) => readFileSync(toolSharedFile('argocd', f), 'utf8')).join('\n---\n');
    for (const spoke of spokes.values()) {
      await kubectlOk(spoke, ['apply', '--server-side', '-f', '-'], crds);
      await kubectlOk(spoke, ['create', 'namespace', ARGOCD_NAMESPACE]);
    }

    const sharding = renderedControllerSharding(copy, hubName);
    const argoConfig: Record<string, string> = {
      // No Argo CD runs on the spokes, so the child Applications a root writes there never report health;
      // the TEST's override, never the product's, lets the root's later waves proceed.
      'resource.customizations.health.argoproj.io_Application':
        'return { status = "Healthy", message = "e2e test override: no Argo CD runs on the spoke" }\n',
      'timeout.reconciliation': '10s',
      'timeout.reconciliation.jitter': '0s',
    };
    const argo = await startLocalArgoCd(hub, {
      applicationSetController: true,
      config: argoConfig,
      controllerReplicas: sharding.replicas,
      params: sharding.params,
    });
    const token = await argo.adminToken();
    log(`hub ${hubName}: Argo CD ${argo.apiUrl} with the ApplicationSet controller; git ${repoURL}`);
    log(
      `  application controller as rendered in gitops/${hubName}/applications: ${argo.controllers.length} shard(s) ` +
        `of controller.replicas=${sharding.replicas}, sharding ${sharding.algorithm}`,
    );

    // What the hub's platform Application applies from its folder: the AppProjects (platform may deploy to the
    // spokes) and the ApplicationSet; the spokes are registered before it, as a cluster factory would.
    const hubPlatform = renderedFolder(copy, hubName, 'platform');
    const hubProjects = hubPlatform.filter((m) => m.kind === 'AppProject');
    const applicationSet = hubPlatform.find((m) => m.kind === 'ApplicationSet');
    if (!applicationSet) throw new Error(`no ApplicationSet rendered into gitops/${hubName}/platform`);
    await kubectlOk(hub, ['apply', '--server-side', '-f', '-'], hubProjects.map((m) => stringify(m)).join('---\n'));
    await kubectlOk(
      hub,
      ['apply', '-f', '-'],
      [...spokes].map(([name, spoke]) => stringify(clusterSecret(name, spoke))).join('---\n'),
    );
    await kubectlOk(hub, ['apply', '--server-side', '-f', '-'], stringify(applicationSet));
    const t0 = Date.now();

    const roots = new Map(spokeNames.map((name) => [name, `root-${name}`]));
    let apps: ArgoApp[] = [];
    await until('every spoke root Synced', SYNC_TIMEOUT_MS, async () => {
      const res = await fetch(`${argo.apiUrl}/api/v1/applications`, { headers: { authorization: `Bearer ${token}` } });
      apps = ((await res.json()) as { items: ArgoApp[] | null }).items ?? [];
      const done = [...roots.values()].every((root) => {
        const app = apps.find((a) => a.metadata.name === root);
        return app?.status?.sync?.status === 'Synced' && app.status.operationState?.phase === 'Succeeded';
      });
      return done ? true : undefined;
    });
    log(`  spoke roots settled after ${((Date.now() - t0) / 1000).toFixed(1)}s`);

    let created = 0;
    let identical = 0;
    let synced = 0;
    let present = 0;
    let expected = 0;
    const notes: string[] = [];
    for (const [spokeName, root] of roots) {
      const live = await kubectlOk(hub, ['get', 'application', '-n', ARGOCD_NAMESPACE, root, '-o', 'json']).catch(
        () => undefined,
      );
      const app = apps.find((a) => a.metadata.name === root);
      if (live) created += 1;
      const liveSpec = live ? (JSON.parse(live) as { spec: unknown }).spec : undefined;
      if (liveSpec && sameSpec(expectedRootSpec(applicationSet, spokeName), liveSpec)) identical += 1;
      else notes.push(`${root}: live spec differs from the template\n${JSON.stringify(liveSpec)}`);
      if (app?.status?.sync?.status === 'Synced' && app.status.operationState?.phase === 'Succeeded') synced += 1;
      else notes.push(`${root}: ${JSON.stringify(app?.status ?? 'absent').slice(0, 1500)}`);

      // The spoke's child Applications, written by its root into the spoke and tracked as the root's.
      const want = renderedApplications(copy, spokeName).map((m) => m.metadata.name);
      expected += want.length;
      const spoke = spokes.get(spokeName)!;
      const onSpoke = JSON.parse(
        await kubectlOk(spoke, ['get', 'applications', '-n', ARGOCD_NAMESPACE, '-o', 'json']),
      ) as { items: ArgoApp[] };
      for (const name of want) {
        const child = onSpoke.items.find((a) => a.metadata.name === name) as
          (ArgoApp & { metadata: { annotations?: Record<string, string> } }) | undefined;
        const tracking = child?.metadata.annotations?.['argocd.argoproj.io/tracking-id'] ?? '';
        if (tracking.startsWith(`${root}:`)) present += 1;
        else notes.push(`${spokeName}: child Application ${name} ${child ? `tracked as "${tracking}"` : 'missing'}`);
      }
      log(
        `  ${root.padEnd(28)} ${(app?.status?.sync?.status ?? 'absent').padEnd(10)} ${app?.status?.health?.status ?? ''} → ${want.length} child Applications in ${spokeName}`,
      );
    }

    const shards = await checkControllerShards(hub, argo.controllers, sharding, argoConfig, spokes, roots, notes);

    for (const note of notes) log(`note: ${note}`);
    const spokesCount = spokes.size;
    log(
      `e2e:argocd-fleet spokes=${spokesCount} roots_created=${created} roots_identical=${identical} roots_synced=${synced} ` +
        `child_applications=${present}/${expected} controller_shards=${shards.running}/${sharding.replicas} ` +
        `sharding=${sharding.algorithm} clusters_per_shard=${shards.perShard.join(',')} ` +
        `clusters_on_assigned_shard=${shards.onAssignedShard}/${spokesCount} seconds=${Math.round((Date.now() - started) / 1000)}`,
    );
    return created === spokesCount &&
      identical === spokesCount &&
      synced === spokesCount &&
      expected > 0 &&
      present === expected &&
      shards.running === sharding.replicas &&
      shards.onAssignedShard === spokesCount
      ? 0
      : 1;
  } finally {
    for (const cluster of clusters.reverse()) await cluster.stop();
    copy.dispose();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `e2e:argocd-fleet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
