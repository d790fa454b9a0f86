// `npm run bench:fleet [-- --clusters <n>] [-- --drift-objects <n>] [-- --runs <n>] [-- --keep <dir>]` — the fleet
// on one machine,
// every figure the median of `--runs` runs (default 1; the drift objects are applied once and drift runs n times).
// `--keep <dir>`: the last run's fleet tree is rendered into <dir>, which must not exist or be empty, and left
// there, e.g. to time policy-check on it again (`<dir>/gitops`):
//   render_s       a synthetic fleet (default 108 clusters: dev, staging and prod each declared as a `fleet:` of
//                  aws/gcp/azure × their regions × 4 tenants, expanded by the environments loader) rendered
//                  through the real areas and constructs by the incremental render from an empty cache, and
//                  written, in this process (area modules loaded beforehand);
//   raw_cdk8s_s    the same objects as plain cdk8s ApiObjects in one App per cluster and one Chart per area,
//                  synthesized to one YAML file per object by cdk8s itself: no area logic, no engine — the floor;
//   incremental_s  the incremental render again after one cluster's configuration changed;
//   policy_s       policy-check over the whole fleet tree, whole process (tools/policy-check/bench);
//   conftest_s     the real conftest over the same tree, whole process(es);
//   drift_*        gitops-sync drift over 50,000 live objects on one local kube-apiserver (tools/gitops-sync/bench).
// Both render paths first run once over the real clusters, so neither pays the JIT warm-up alone.
// Prerequisites: npm install, `npm run toolchain`, `npx nx run policies:build` (the npm script runs it).
// Last line: bench:fleet clusters=… objects=… render_s=… raw_cdk8s_s=… incremental_s=… policy_s=… conftest_s=…
//            drift_objects=… drift_s=… drift_rss_mb=…
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { workspaceRoot as findWorkspaceRoot } from '@go-coffee/cli';
import type { ClusterContext } from '@go-coffee/environments';
import type { RenderedFile } from '@go-coffee/render-kit';
import { findAreaProjects } from './area-projects';
import { renderIncrementally } from './incremental-render';
import type { AreaWithSources } from './incremental-render';
import { loadAreasWithSources, loadLayout } from './load-areas';
import { selectClusters } from './render-command';
import { syntheticFleet } from './synthetic-fleet';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '100' },
    'drift-objects': { type: 'string', default: '50000' },
    'skip-drift': { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    keep: { type: 'string' },
  },
});
const keep = values.keep === undefined ? undefined : resolve(values.keep);
if (keep !== undefined && existsSync(keep) && readdirSync(keep).length > 0) {
  process.stderr.write(`bench-fleet: --keep ${keep} exists and is not empty; fix: name a new or empty directory\n`);
  process.exit(10);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 9)
  throw new Error(`--runs must be an integer from 1 to 9, got ${values.runs}`);
/** The median of the runs' figures (the machine is noisy; the line reports medians). */
const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const clusterCount = Number(values.clusters);
const driftObjects = Number(values['drift-objects']);
const root = findWorkspaceRoot();
const seconds = (started: number): number => (performance.now() - started) / 1000;
const fmt = (value: number): string => value.toFixed(2);

function renderFleet(
  out: string,
  cacheDir: string,
  areas: readonly AreaWithSources[],
  fleet: readonly ClusterContext[],
): { seconds: number; files: readonly RenderedFile[]; rendered: readonly string[] } {
  const started = performance.now();
  const result = renderIncrementally({
    workspaceRoot: root,
    outRoot: out,
    cacheDir,
    areas,
    layout,
    clusters: fleet,
    enabledClusters: new Set(fleet.map((ctx) => ctx.name)),
  });
  return { seconds: seconds(started), files: result.files, rendered: result.rendered };
}

/** The floor: every object as a plain cdk8s ApiObject, synthesized and written by cdk8s. */
function rawCdk8s(out: string, files: readonly RenderedFile[]): number {
  const byCluster = new Map<string, RenderedFile[]>();
  for (const file of files) byCluster.set(file.cluster, [...(byCluster.get(file.cluster) ?? []), file]);
  const started = performance.now();
  for (const [cluster, clusterFiles] of byCluster) {
    const app = new App({
      outdir: join(out, cluster),
      yamlOutputType: YamlOutputType.FILE_PER_RESOURCE,
    });
    const charts = new Map<string, Chart>();
    clusterFiles.forEach((file, index) => {
      let chart = charts.get(file.area);
      if (chart === undefined) {
        chart = new Chart(app, file.area, { disableResourceNameHashes: true });
        charts.set(file.area, chart);
      }
      new ApiObject(chart, `o${index}`, file.manifest);
    });
    app.synth();
  }
  return seconds(started);
}

function runJson(script: string, args: readonly string[], prefix: string): Record<string, number> {
  const result = spawnSync(join(root, 'node_modules/.bin/tsx'), [script, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = result.stdout
    .trim()
    .split('\n')
    .find((l) => l.startsWith(`${prefix} `));
  if (result.status !== 0 || line === undefined)
    throw new Error(`${script} exited ${result.status} without its "${prefix}" line:\n${result.stdout.slice(-2000)}`);
  // The child's own lines too (the drift bench's per-run figures), its summary line last.
  process.stdout.write(`${result.stdout.trim()}\n`);
  return Object.fromEntries(
    line
      .slice(prefix.length + 1)
      .split(' ')
      .map((pair) => pair.split('='))
      .map(([key, value]) => [key!, Number(value)]),
  );
}

const projects = findAreaProjects(root);
const areas = await loadAreasWithSources(root, projects);
const layout = await loadLayout(root);
const real = selectClusters([], { workspaceRoot: root, env: process.env }, layout).clusters;
const fleet = syntheticFleet(root, clusterCount);
// Both render paths write ~20,000 files a run: in memory (/dev/shm) when the machine has it, so the virtual
// disk's write-back, which swung the floor alone from 6 s to 17 s between runs, does not decide the ratio.
const work = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bench-fleet-'));
try {
  // Warm-up of both paths on the real clusters, untimed.
  const warm = renderFleet(join(work, 'warm'), join(work, 'warm-cache'), areas, real);
  rawCdk8s(join(work, 'warm-raw'), warm.files);

  const figures = { render: [] as number[], raw: [] as number[], incremental: [] as number[] };
  const policyRuns: Record<string, number>[] = [];
  let objects = 0;
  for (let run = 1; run <= runs; run++) {
    // Each run renders from an empty cache into a fresh folder, so no run reuses another's work.
    const tree = run === runs && keep !== undefined ? keep : join(work, `fleet-${run}`);
    const cache = join(work, `cache-${run}`);
    const clusters = [...fleet];
    const full = renderFleet(tree, cache, areas, clusters);
    objects = full.files.length;
    process.stdout.write(
      `run ${run}/${runs} render (real areas, engine)    clusters=${clusters.length} objects=${objects} ${fmt(full.seconds)} s\n`,
    );
    const raw = rawCdk8s(join(work, `raw-${run}`), full.files);
    process.stdout.write(
      `run ${run}/${runs} raw cdk8s ApiObjects (floor)    objects=${objects} ${fmt(raw)} s (render / floor = ${fmt(full.seconds / raw)}×)\n`,
    );
    const changed = Math.floor(clusters.length / 2);
    const model = clusters[changed]!;
    clusters[changed] = { ...model, sizing: { ...model.sizing, maxReplicas: model.sizing.maxReplicas + 1 } };
    const incremental = renderFleet(tree, cache, areas, clusters);
    const strays = incremental.rendered.filter((pair) => !pair.startsWith(`${model.name}/`));
    if (incremental.rendered.length === 0 || strays.length > 0)
      throw new Error(
        `incremental render after a change to ${model.name} rendered ${incremental.rendered.join(', ') || 'nothing'}`,
      );
    process.stdout.write(
      `run ${run}/${runs} incremental (one cluster's sizing changed) ${incremental.rendered.length} pair(s) of ${model.name} ${fmt(incremental.seconds)} s\n`,
    );
    figures.render.push(full.seconds);
    figures.raw.push(raw);
    figures.incremental.push(incremental.seconds);
    const policy = runJson('tools/policy-check/bench/fleet-policy-bench.ts', [join(tree, 'gitops')], 'fleet-policy');
    process.stdout.write(
      `run ${run}/${runs} policy-check / conftest = ${fmt(policy.conftest_s! / policy.policy_s!)}×\n`,
    );
    policyRuns.push(policy);
    if (run < runs) {
      rmSync(join(work, `raw-${run}`), { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  }
  const drift = values['skip-drift']
    ? { objects: 0, drift_s: Number.NaN, rss_mb: Number.NaN }
    : runJson('tools/gitops-sync/bench/fleet-drift-bench.ts', [String(driftObjects), String(runs)], 'fleet-drift');

  const policySeconds = median(policyRuns.map((p) => p.policy_s!));
  const conftestSeconds = median(policyRuns.map((p) => p.conftest_s!));
  if (runs > 1)
    process.stdout.write(
      `medians of ${runs} runs: render / floor = ${fmt(median(figures.render) / median(figures.raw))}×, policy-check / conftest = ${fmt(conftestSeconds / policySeconds)}×\n`,
    );
  process.stdout.write(
    `bench:fleet clusters=${fleet.length} objects=${objects} render_s=${fmt(median(figures.render))} raw_cdk8s_s=${fmt(median(figures.raw))} ` +
      `incremental_s=${fmt(median(figures.incremental))} policy_s=${fmt(policySeconds)} conftest_s=${fmt(conftestSeconds)} ` +
      `drift_objects=${drift.objects} drift_s=${fmt(drift.drift_s!)} drift_rss_mb=${Math.round(drift.rss_mb!)}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
