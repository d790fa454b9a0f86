// `npm run bench:fleet [-- --clusters <n>] [-- --drift-objects <n>] [-- --keep <dir>]` — the fleet in one run on
// one machine (`--keep <dir>`: the fleet tree is rendered into <dir>, which must not exist or be empty, and left
// there, e.g. to time policy-check on it again: `<dir>/gitops`):
//   render_s       a synthetic fleet (default 102 clusters: the real clusters' contexts, renamed) rendered
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
    clusters: { type: 'string', default: '102' },
    'drift-objects': { type: 'string', default: '50000' },
    'skip-drift': { type: 'boolean', default: false },
    keep: { type: 'string' },
  },
});
const keep = values.keep === undefined ? undefined : resolve(values.keep);
if (keep !== undefined && existsSync(keep) && readdirSync(keep).length > 0) {
  process.stderr.write(`bench-fleet: --keep ${keep} exists and is not empty; fix: name a new or empty directory\n`);
  process.exit(10);
}
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
  process.stdout.write(`${line}\n`);
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
const fleet = syntheticFleet(real, clusterCount);
const work = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
try {
  // Warm-up of both paths on the real clusters, untimed.
  const warm = renderFleet(join(work, 'warm'), join(work, 'warm-cache'), areas, real);
  rawCdk8s(join(work, 'warm-raw'), warm.files);

  const tree = keep ?? join(work, 'fleet');
  const cache = join(work, 'cache');
  const full = renderFleet(tree, cache, areas, fleet);
  const objects = full.files.length;
  process.stdout.write(
    `render (real areas, engine)    clusters=${fleet.length} objects=${objects} ${fmt(full.seconds)} s\n`,
  );
  const raw = rawCdk8s(join(work, 'raw'), full.files);
  process.stdout.write(
    `raw cdk8s ApiObjects (floor)    objects=${objects} ${fmt(raw)} s (render / floor = ${fmt(full.seconds / raw)}×)\n`,
  );

  const changed = Math.floor(fleet.length / 2);
  const model = fleet[changed]!;
  fleet[changed] = { ...model, sizing: { ...model.sizing, maxReplicas: model.sizing.maxReplicas + 1 } };
  const incremental = renderFleet(tree, cache, areas, fleet);
  const strays = incremental.rendered.filter((pair) => !pair.startsWith(`${model.name}/`));
  if (incremental.rendered.length === 0 || strays.length > 0)
    throw new Error(
      `incremental render after a change to ${model.name} rendered ${incremental.rendered.join(', ') || 'nothing'}`,
    );
  process.stdout.write(
    `incremental (one cluster's sizing changed) ${incremental.rendered.length} pair(s) of ${model.name} ${fmt(incremental.seconds)} s\n`,
  );

  const policy = runJson('tools/policy-check/bench/fleet-policy-bench.ts', [join(tree, 'gitops')], 'fleet-policy');
  process.stdout.write(`policy-check / conftest = ${fmt(policy.conftest_s! / policy.policy_s!)}×\n`);
  const drift = values['skip-drift']
    ? { objects: 0, drift_s: Number.NaN, rss_mb: Number.NaN }
    : runJson('tools/gitops-sync/bench/fleet-drift-bench.ts', [String(driftObjects)], 'fleet-drift');

  process.stdout.write(
    `bench:fleet clusters=${fleet.length} objects=${objects} render_s=${fmt(full.seconds)} raw_cdk8s_s=${fmt(raw)} ` +
      `incremental_s=${fmt(incremental.seconds)} policy_s=${fmt(policy.policy_s!)} conftest_s=${fmt(policy.conftest_s!)} ` +
      `drift_objects=${drift.objects} drift_s=${fmt(drift.drift_s!)} drift_rss_mb=${Math.round(drift.rss_mb!)}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
