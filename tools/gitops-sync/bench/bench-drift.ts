// npm run bench:drift — gitops-sync drift against `kubectl diff --server-side` on the same objects in the
// same run, on a real local control plane (@go-coffee/local-cluster).
//
// 1. Starts etcd + kube-apiserver, server-side applies 5,000 objects (Deployments and ConfigMaps across
//    namespaces, one file each as in gitops/<cluster>/…) as Argo CD would (field manager argocd-controller).
// 2. Times `gitops-sync drift` (the bin, read-only identity) and `kubectl diff --server-side` on that folder;
//    counts API requests (ours: reported by the tool; kubectl: its -v=6 request log); peak RSS via
//    /usr/bin/time.
// 3. Adds objects up to 50,000 and runs gitops-sync drift again for the memory figure (skip: --no-50k).
// Prerequisites: `npm run toolchain` (etcd, kube-apiserver, kubectl in .tools/bin), /usr/bin/time.
// Last line: bench:drift objects=… ours_s=… kubectl_s=… ratio=… requests=… rss_mb=…
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCluster } from '@go-coffee/local-cluster';
import { toolPath } from '@go-coffee/toolchain';
import {
  applyObjects,
  BASE_OBJECTS,
  benchObjects,
  run,
  runOurs,
  waitUntilClusterIdle,
  writeObjectTree,
} from './drift-bench-objects';

const MEMORY_OBJECTS = 50_000;
const FIELD_MANAGER = 'argocd-controller';

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/time'))
    throw new Error('bench:drift needs /usr/bin/time (GNU time) for the peak RSS figure');
  const skip50k = process.argv.includes('--no-50k');
  const work = mkdtempSync(join(tmpdir(), 'bench-drift-'));
  const cluster = await startLocalCluster();
  try {
    const base = benchObjects(0, BASE_OBJECTS);
    const tree5k = join(work, 'tree-5k');
    writeObjectTree(tree5k, base);
    const namespaces = (objs: { ns: string }[]) =>
      [...new Set(objs.map((o) => o.ns))].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
    let t = Date.now();
    // Namespaces first: the 16 workers below would otherwise race objects ahead of their namespace.
    await applyObjects(cluster.adminKubeconfig, namespaces(base));
    await applyObjects(
      cluster.adminKubeconfig,
      base.map((o) => o.obj),
    );
    process.stderr.write(`applied ${base.length} objects in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);

    // Both tools are timed against a cluster at rest (not the bulk apply's aftermath).
    await waitUntilClusterIdle(cluster.runDir);
    const ours = await runOurs(tree5k, cluster.readOnlyKubeconfig);
    process.stdout.write(
      `gitops-sync drift   objects=${ours.objects} wall_s=${ours.seconds.toFixed(2)} requests=${ours.requests} rss_mb=${ours.rssMb.toFixed(0)}\n`,
    );

    // kubectl diff needs write access (it sends dry-run server-side applies), so it runs as admin.
    const kubectl = toolPath('kubectl');
    await waitUntilClusterIdle(cluster.runDir);
    const kd = await run(kubectl, [
      `--kubeconfig=${cluster.adminKubeconfig}`,
      'diff',
      '--server-side',
      `--field-manager=${FIELD_MANAGER}`,
      '-R',
      '-f',
      tree5k,
      '-v=6',
    ]);
    if (kd.code !== 0)
      throw new Error(`kubectl diff exited ${kd.code} (expected 0, no differences): ${kd.stderr.slice(-2000)}`);
    const kubectlRequests = kd.stderr
      .split('\n')
      .filter((l) => /"Response" verb=|\b(GET|PATCH|POST) https:\/\/\S+ \d{3} /.test(l)).length;
    process.stdout.write(
      `kubectl diff --server-side objects=${base.length} wall_s=${kd.seconds.toFixed(2)} requests=${kubectlRequests}\n`,
    );
    const ratio = kd.seconds / ours.seconds;
    process.stdout.write(`ratio (kubectl / gitops-sync) = ${ratio.toFixed(1)}x\n`);

    if (!skip50k) {
      const extra = benchObjects(BASE_OBJECTS, MEMORY_OBJECTS);
      t = Date.now();
      await applyObjects(cluster.adminKubeconfig, namespaces(extra));
      await applyObjects(
        cluster.adminKubeconfig,
        extra.map((o) => o.obj),
      );
      process.stderr.write(`applied ${extra.length} more objects in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
      const tree50k = join(work, 'tree-50k');
      writeObjectTree(tree50k, [...base, ...extra]);
      await waitUntilClusterIdle(cluster.runDir);
      const big = await runOurs(tree50k, cluster.readOnlyKubeconfig);
      process.stdout.write(
        `gitops-sync drift   objects=${big.objects} wall_s=${big.seconds.toFixed(2)} requests=${big.requests} rss_mb=${big.rssMb.toFixed(0)}\n`,
      );
    }
    process.stdout.write(
      `bench:drift objects=${ours.objects} ours_s=${ours.seconds.toFixed(2)} kubectl_s=${kd.seconds.toFixed(2)} ratio=${ratio.toFixed(1)} requests=${ours.requests} rss_mb=${ours.rssMb.toFixed(0)}\n`,
    );
  } finally {
    await cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
