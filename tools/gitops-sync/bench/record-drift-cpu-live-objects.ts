// Records the live objects bench-drift-cpu.ts compares against (drift-cpu-live-objects.json beside it): ONE
// bench Deployment and ONE bench ConfigMap (benchObjects(0, 2)) server-side applied to a real kube-apiserver
// as the drift benchmarks apply them (field manager argocd-controller), then read back with a GET, exactly
// as the server returns them (managedFields, defaults, status and all). Re-run after a toolchain upgrade.
// Prerequisites: `npm run toolchain` (etcd, kube-apiserver in .tools/bin).
// Run: npx tsx tools/gitops-sync/bench/record-drift-cpu-live-objects.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalCluster } from '@go-coffee/local-cluster';
import { applyObjects, benchObjectPath, benchObjects, namespacesOf } from './drift-bench-objects';

const out = join(import.meta.dirname, 'drift-cpu-live-objects.json');
const cluster = await startLocalCluster();
try {
  const objects = benchObjects(0, 2);
  await applyObjects(cluster.adminKubeconfig, namespacesOf(objects));
  await applyObjects(
    cluster.adminKubeconfig,
    objects.map((o) => o.obj),
  );
  const recorded: Record<string, unknown>[] = [];
  for (const { obj } of objects) {
    const path = benchObjectPath(obj);
    const res = await cluster.request('read-only', 'GET', path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.body.slice(0, 500)}`);
    recorded.push(JSON.parse(res.body) as Record<string, unknown>);
  }
  const version = await cluster.request('read-only', 'GET', '/version');
  const gitVersion = (JSON.parse(version.body) as { gitVersion?: string }).gitVersion ?? 'unknown';
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        recorded: `GET from kube-apiserver ${gitVersion} after server-side apply of benchObjects(0, 2) by record-drift-cpu-live-objects.ts`,
        objects: recorded,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`wrote ${out} (${recorded.length} objects, kube-apiserver ${gitVersion})\n`);
} finally {
  await cluster.stop();
}
