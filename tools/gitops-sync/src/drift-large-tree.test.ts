// gitops-sync drift on a tree large enough to be parsed by worker threads (libs/drift load-tree-in-threads),
// through the bin as users run it (its bundle is what starts threads): the manifests, their sources and the
// first bad file must be exactly what one thread would give. Against a real kube-apiserver.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCluster, type LocalCluster } from '@go-coffee/local-cluster';
import { cachedBundleFolder } from '@go-coffee/cli/test-support';
import { applyObjects, benchObjects, namespacesOf, writeObjectTree } from '../bench/drift-bench-objects';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'gitops-sync.mjs');

/** Every module specifier a bundle file imports, following its own chunks (static and dynamic imports). */
function importsOf(folder: string, file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const text = readFileSync(join(folder, file), 'utf8');
  for (const m of text.matchAll(
    /(?:^|[\s;])(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm,
  )) {
    const spec = (m[1] ?? m[2])!;
    if (spec.startsWith('./')) for (const s of importsOf(folder!, spec.slice(2), seen)) out.add(s);
    else out.add(spec);
  }
  return out;
}
/** Two runs of at least 1,000 files each: the loader splits the tree over two threads. */
const OBJECTS = 2_400;

function drift(tree: string, kubeconfig: string) {
  const r = spawnSync(process.execPath, [BIN, 'drift', '--path', tree, '--kubeconfig', kubeconfig, '-o', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The tree's files in the loader's order (paths sorted, folders depth-first). */
function filesInOrder(tree: string): string[] {
  return readdirSync(tree, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.yaml'))
    .sort((a, b) => {
      const [pa, pb] = [a.split('/'), b.split('/')];
      for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
      return pa.length - pb.length;
    });
}

describe('gitops-sync drift on a tree parsed by worker threads', () => {
  let cluster: LocalCluster;
  let work: string;
  let tree: string;

  beforeAll(async () => {
    // Threads start only with a second core; without one this test would prove nothing.
    expect(availableParallelism(), 'this test needs at least 2 cores to exercise the thread loader').toBeGreaterThan(1);
    work = mkdtempSync(join(tmpdir(), 'drift-large-tree-'));
    tree = join(work, 'tree');
    const objects = benchObjects(0, OBJECTS);
    writeObjectTree(tree, objects);
    cluster = await startLocalCluster();
    await applyObjects(cluster.adminKubeconfig, namespacesOf(objects));
    await applyObjects(
      cluster.adminKubeconfig,
      objects.map((o) => o.obj),
    );
  }, 240_000);

  afterAll(async () => {
    await cluster?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('finds every object in sync, as many as the tree holds', () => {
    const r = drift(tree, cluster.readOnlyKubeconfig);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout).summary;
    expect(summary).toMatchObject({ objects: OBJECTS, inSync: OBJECTS, modified: 0, missing: 0, orphans: 0 });
  }, 120_000);

  it("starts its loader threads from the bundle's thread entry, which loads the loader and not the tool", () => {
    // The bin ran in the tests above: its bundle folder is the newest one.
    const folder = cachedBundleFolder('gitops-sync');
    expect(folder).toBeDefined();
    const thread = importsOf(folder!, 'drift.load-tree.thread.mjs');
    expect([...thread]).toEqual(expect.arrayContaining(['js-yaml', 'node:worker_threads']));
    // What the tool's main loads and a loader thread never runs: ~0.15 s of start-up per thread.
    for (const heavy of ['zod', 'yaml', 'diff', 'node:https', 'node:child_process'])
      expect(thread.has(heavy), `the loader thread's bundle imports ${heavy}`).toBe(false);
    expect([...importsOf(folder!, 'main.mjs')]).toEqual(expect.arrayContaining(['zod', 'yaml', 'node:https']));
  });

  it('reports a change made out of band in the last thread run, naming its file and the field', async () => {
    const files = filesInOrder(tree);
    const last = files.filter((f) => f.includes('/deployment-')).at(-1)!;
    const [namespace, file] = last.split('/') as [string, string];
    const name = file.replace(`deployment-${namespace}-`, '').replace(/\.yaml$/, '');
    const patched = await cluster.kubectl([
      `--kubeconfig=${cluster.adminKubeconfig}`,
      '-n',
      namespace,
      'scale',
      'deployment',
      name,
      '--replicas=5',
    ]);
    expect(patched.code, patched.stderr).toBe(0);
    const r = drift(tree, cluster.readOnlyKubeconfig);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ objects: OBJECTS, inSync: OBJECTS - 1, modified: 1 });
    expect(report.modified[0]).toMatchObject({ kind: 'Deployment', namespace, name, source: last });
    expect(report.modified[0].differences).toEqual([
      expect.objectContaining({ pointer: '/spec/replicas', desired: 2, live: 5 }),
    ]);
  }, 120_000);

  it('stops on the first bad file in tree order, whichever thread parsed it, before contacting any cluster', () => {
    const bad = join(work, 'bad');
    writeObjectTree(bad, benchObjects(0, OBJECTS));
    const files = filesInOrder(bad);
    // One bad file early in the first run, one late in the second: the early one is the verdict.
    writeFileSync(join(bad, files[100]!), 'metadata: [unclosed\n');
    writeFileSync(
      join(bad, files[2_300]!),
      'kind: ConfigMap\napiVersion: v1\nmetadata: {name: x, namespace: y}\ndata: {a: .inf}\n',
    );
    let r = drift(bad, join(work, 'no-such-kubeconfig'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${files[100]}: not valid YAML`);
    expect(r.stderr).not.toContain(files[2_300]);

    // With the early one fixed, the late one (second run, second thread) is reported.
    writeFileSync(
      join(bad, files[100]!),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: bench-0}\n',
    );
    r = drift(bad, join(work, 'no-such-kubeconfig'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${files[2_300]}: data.a is .inf or .nan, which no Kubernetes API accepts`);
  }, 120_000);
});
