// gitops-sync drift --all against two real kube-apiservers (@go-coffee/local-cluster) behind one kubeconfig
// whose contexts are named after the clusters: one combined report, one exit code.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCluster, writeFleetKubeconfig, type LocalCluster } from '@go-coffee/local-cluster';
import { patchConfigMapByHand } from '@go-coffee/local-cluster/test-support';
import { runCliCaptured } from '../test-fixtures/run-cli-captured';
import { TRACKING_ID_ANNOTATION } from '@go-coffee/kube-objects';

const CLUSTERS = ['fleet-a', 'fleet-b'] as const;
const FIELD_MANAGER = 'argocd-controller';

function manifests(cluster: string): Record<string, object> {
  return {
    'platform/namespace--go-coffee.yaml': { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'go-coffee' } },
    'core-services/configmap-go-coffee-api-gateway.yaml': {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'api-gateway',
        namespace: 'go-coffee',
        annotations: { [TRACKING_ID_ANNOTATION]: `${cluster}-core-services:/ConfigMap:go-coffee/api-gateway` },
      },
      data: { LOG_LEVEL: 'info', CLUSTER: cluster },
    },
  };
}

function writeClusterFolder(root: string, cluster: string): void {
  for (const [path, object] of Object.entries(manifests(cluster))) {
    mkdirSync(join(root, cluster, path, '..'), { recursive: true });
    writeFileSync(join(root, cluster, path), dump(object));
  }
}

interface FleetJson {
  inSync: boolean;
  summary: { clusters: number; inSync: number; drift: number; errors: number };
  clusters: { cluster: string; status: string; error?: string; report?: { modified: { name: string }[] } }[];
}

describe('gitops-sync drift --all over several clusters', () => {
  let work: string;
  let root: string;
  let kubeconfig: string;
  const live: LocalCluster[] = [];

  const driftAll = async (...extra: string[]) => {
    const run = await runCliCaptured(
      ['drift', '--all', '--path', root, '--kubeconfig', kubeconfig, '--cluster-concurrency', '2', ...extra],
      { cwd: work },
    );
    return { ...run, json: extra.includes('json') ? (JSON.parse(run.stdout) as FleetJson) : undefined };
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'fleet-drift-'));
    root = join(work, 'gitops');
    live.push(...(await Promise.all(CLUSTERS.map(() => startLocalCluster()))));
    kubeconfig = join(work, 'fleet.kubeconfig');
    writeFleetKubeconfig(
      kubeconfig,
      CLUSTERS.map((context, index) => ({ context, kubeconfig: live[index]!.readOnlyKubeconfig })),
    );
    for (const [index, cluster] of CLUSTERS.entries()) {
      writeClusterFolder(root, cluster);
      for (const object of Object.values(manifests(cluster))) {
        const applied = await live[index]!.kubectl(
          ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '-f', '-'],
          { input: JSON.stringify(object) },
        );
        if (applied.code !== 0) throw new Error(`apply to ${cluster} failed: ${applied.stderr}`);
      }
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.all(live.map((cluster) => cluster.stop()));
    rmSync(work, { recursive: true, force: true });
  });

  it('exits 0 with every cluster in sync when each context matches its folder', async () => {
    const run = await driftAll('--output', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.json!.summary).toStrictEqual({ clusters: 2, inSync: 2, drift: 0, errors: 0 });
  }, 60_000);

  it('exits 1 and names only the drifted cluster when one cluster is changed out of band', async () => {
    await patchConfigMapByHand(live[1]!, 'go-coffee', 'api-gateway', { LOG_LEVEL: 'debug' });
    const run = await driftAll('--output', 'json');
    expect(run.code).toBe(1);
    expect(run.json!.clusters.map((c) => [c.cluster, c.status])).toStrictEqual([
      ['fleet-a', 'in-sync'],
      ['fleet-b', 'drift'],
    ]);
    expect(run.json!.clusters[1]!.report!.modified.map((o) => o.name)).toStrictEqual(['api-gateway']);

    const text = await driftAll();
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('gitops/fleet-b vs context fleet-b'.replace('gitops', root));
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('fleet drift found: clusters=2 in-sync=1 drift=1 errors=0');
  }, 60_000);

  it('exits 2 when a cluster folder has no context of its name, still reporting the others', async () => {
    writeClusterFolder(root, 'fleet-c');
    try {
      const run = await driftAll('--output', 'json');
      expect(run.code).toBe(2);
      expect(run.json!.summary).toStrictEqual({ clusters: 3, inSync: 1, drift: 1, errors: 1 });
      expect(run.json!.clusters[2]!.error).toContain('fleet-c');
    } finally {
      rmSync(join(root, 'fleet-c'), { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses --context with --all: each folder names its own context', async () => {
    const run = await driftAll('--context', 'fleet-a');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('drop --env, --cluster, --context');
  });
});
