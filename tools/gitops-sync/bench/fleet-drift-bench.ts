// Drift part of `npm run bench:fleet`: `gitops-sync drift` (the bin, read-only identity, whole process under
// /usr/bin/time) over OBJECTS live objects on one real local kube-apiserver, applied as Argo CD would.
//   tsx tools/gitops-sync/bench/fleet-drift-bench.ts [objects] [runs]
// With runs > 1 the objects are applied once and drift runs that many times, each once the apiserver and etcd
// are at rest (waitUntilClusterIdle); the last line holds the medians (wall seconds and peak RSS, each the
// median of its own figures).
// Prerequisites: `npm run toolchain` (etcd, kube-apiserver), /usr/bin/time.
// Last line: fleet-drift objects=<n> drift_s=<s> requests=<n> rss_mb=<mb>
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCluster } from '@go-coffee/local-cluster';
import {
  applyObjects,
  benchObjects,
  median,
  namespacesOf,
  runOurs,
  waitUntilClusterIdle,
  writeObjectTree,
} from './drift-bench-objects';

const objects = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 1);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`fleet-drift-bench: runs must be a positive integer, got ${process.argv[3]}`);
if (!Number.isInteger(objects) || objects < 2 || objects % 2 !== 0)
  throw new Error(`fleet-drift-bench: objects must be an even number ≥ 2, got ${process.argv[2]}`);
if (!existsSync('/usr/bin/time')) throw new Error('fleet-drift-bench needs /usr/bin/time (GNU time) for peak RSS');

const work = mkdtempSync(join(tmpdir(), 'bench-fleet-drift-'));
const cluster = await startLocalCluster();
try {
  const live = benchObjects(0, objects);
  const started = Date.now();
  await applyObjects(cluster.adminKubeconfig, namespacesOf(live));
  await applyObjects(
    cluster.adminKubeconfig,
    live.map((o) => o.obj),
  );
  process.stderr.write(`applied ${live.length} objects in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const tree = join(work, 'tree');
  writeObjectTree(tree, live);
  const results = [];
  for (let run = 1; run <= runs; run++) {
    // Timed against a cluster at rest: not the bulk apply's (or the previous run's) aftermath.
    const settled = await waitUntilClusterIdle(cluster.runDir);
    const ours = await runOurs(tree, cluster.readOnlyKubeconfig);
    console.log(
      `run ${run}/${runs} gitops-sync drift objects=${ours.objects} wall_s=${ours.seconds.toFixed(2)} requests=${ours.requests} rss_mb=${ours.rssMb.toFixed(0)} (cluster at rest after ${settled.toFixed(0)} s)`,
    );
    results.push(ours);
  }
  console.log(
    `fleet-drift objects=${results[0]!.objects} drift_s=${median(results.map((r) => r.seconds)).toFixed(2)} requests=${results[0]!.requests} rss_mb=${median(results.map((r) => r.rssMb)).toFixed(0)}`,
  );
} finally {
  await cluster.stop();
  rmSync(work, { recursive: true, force: true });
}
