// `npm run render` — renders every area into gitops/ through the areas' cached Nx `render` targets.
//   npm run render                                   all environments, all clusters
//   npm run render -- --env prod --cluster <name>    one cluster
//   npm run render -- --check                        compare only; exit 1 and list stale/extra files
//   npm run render -- --check --clusters a,b         several clusters in one process (a CI shard)
//   npm run render -- --incremental                  in this process, only the (cluster, area) pairs whose
//                                                    configuration or code changed (incremental-render.ts)
//   --enable-<cloud> / --disable-<cloud>, ENABLE_AWS|GCP|AZURE choose the clouds.
// --check never uses the Nx cache (a cached "up to date" would hide hand edits): it renders all areas in
// this process and compares. Exit codes: 0 ok, 1 check found differences, 2 bad configuration/arguments,
// 3 an area failed. After the areas, the whole-tree step writes (or, with --check, compares) each cluster's
// README.md picture from the rendered YAML (cluster-readmes.ts). Prerequisite: npm install. Process entry: main.ts
// (bin/render.mjs).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { captureIo, type CliIo } from '@go-coffee/cli';
import { EnvironmentConfigError } from '@go-coffee/environments';
import { AreaLayout, diffTree, renderCluster, writeTree } from '@go-coffee/render-kit';
import type { RenderArea } from '@go-coffee/render-kit';
import { workspaceRoot as findWorkspaceRoot } from '@go-coffee/cli';
import type { KubeObject } from '@go-coffee/kube-objects';
import { findAreaProjects } from './area-projects';
import { clusterReadmeFiles } from './cluster-readmes';
import { renderIncrementally, SHARED_RENDER_INPUTS } from './incremental-render';
import { loadAreas, loadAreasWithSources, loadLayout } from './load-areas';
import { runRenderCommand, selectClusters, type RenderCommandIo, type RenderSelection } from './render-command';

/**
 * `--check`: the areas' files against a fresh in-memory render (runRenderCommand), then each cluster's README
 * against the picture of its objects: the committed ones when they are up to date, else a fresh render of the
 * selected clusters, so the list names exactly the files `npm run render` would change, sorted.
 */
function checkWholeTree(
  areas: readonly RenderArea[],
  argv: readonly string[],
  selection: RenderSelection,
  io: RenderCommandIo,
  layout: AreaLayout,
): number {
  const captured = captureIo();
  const code = runRenderCommand(areas, argv, { ...io, stdout: captured.io.stdout, stderr: captured.io.stderr }, layout);
  const lines = captured
    .stdout()
    .split('\n')
    .filter((line) => line !== '');
  if (code !== 0 && code !== 1) {
    io.stdout(captured.stdout());
    io.stderr(captured.stderr());
    return code;
  }
  const fresh = new Map<string, KubeObject[]>();
  if (code === 1) {
    for (const ctx of selection.clusters)
      fresh.set(
        ctx.name,
        renderCluster(ctx, areas, { layout }).map((file) => file.manifest as KubeObject),
      );
  }
  const readmes = diffTree(io.workspaceRoot, clusterReadmeFiles(io.workspaceRoot, selection.enabledClusters, fresh), {
    folders: [],
    areas: [],
    enabledClusters: selection.enabledClusters,
    wholeTree: false,
    layout,
  });
  const stale = [...lines.filter((line) => line.startsWith('stale ')), ...readmes.stale.map((path) => `stale ${path}`)];
  const extra = lines.filter((line) => line.startsWith('extra '));
  if (stale.length === 0 && extra.length === 0) {
    io.stdout(captured.stdout());
    return 0;
  }
  for (const line of [...stale.sort(), ...extra]) io.stdout(`${line}\n`);
  io.stderr(
    `render --check: ${stale.length} stale and ${extra.length} extra file(s) in gitops/ (cluster READMEs included); run npm run render and commit the result\n`,
  );
  return 1;
}

export async function renderAll(args: readonly string[], cliIo: CliIo): Promise<number> {
  const incremental = args.includes('--incremental');
  const clustersAt = args.indexOf('--clusters');
  const clusterList = clustersAt >= 0 ? args[clustersAt + 1] : undefined;
  if (clustersAt >= 0 && (clusterList === undefined || clusterList.startsWith('--'))) {
    cliIo.stderr('render: --clusters needs a comma-separated list of cluster names\n');
    return 2;
  }
  const argv = args.filter(
    (arg, index) => arg !== '--incremental' && (clustersAt < 0 || (index !== clustersAt && index !== clustersAt + 1)),
  );
  const workspaceRoot = findWorkspaceRoot();
  const io = { ...cliIo, workspaceRoot };
  const layout = await loadLayout(workspaceRoot);
  if (clusterList !== undefined) {
    // Areas load once; each cluster is one render command, so every flag and exit code is the usual one.
    const areas = await loadAreas(workspaceRoot, findAreaProjects(workspaceRoot));
    let worst = 0;
    for (const cluster of clusterList.split(',').filter(Boolean)) {
      worst = Math.max(worst, runRenderCommand(areas, [...argv, '--cluster', cluster], io, layout));
    }
    return worst;
  }
  let selection;
  try {
    selection = selectClusters(argv, io, layout);
  } catch (error) {
    if (error instanceof EnvironmentConfigError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
  const projects = findAreaProjects(workspaceRoot);
  if (selection.check) {
    const areas = await loadAreas(workspaceRoot, projects);
    return checkWholeTree(areas, argv, selection, io, layout);
  }
  if (incremental) {
    const result = renderIncrementally({
      workspaceRoot,
      outRoot: workspaceRoot,
      areas: await loadAreasWithSources(workspaceRoot, projects),
      layout,
      clusters: selection.clusters,
      enabledClusters: selection.enabledClusters,
      // The platform area renders every area's namespace and AppProject from the declarations.
      sharedInputs: [...SHARED_RENDER_INPUTS, ...projects.map((p) => p.entry.replace(/index\.ts$/, 'area.ts'))],
    });
    io.stdout(
      `render --incremental: ${result.rendered.length} cluster × area pair(s) rendered, ${result.skipped} unchanged; ${result.written} written, ${result.deleted} deleted\n`,
    );
  } else {
    const nx = spawnSync(
      join(workspaceRoot, 'node_modules', '.bin', 'nx'),
      [
        'run-many',
        '-t',
        'render',
        '--outputStyle=static',
        `--projects=${projects.map((p) => p.project).join(',')}`,
        ...(argv.length > 0 ? [`--args=${argv.join(' ')}`] : []),
      ],
      // Nx's built-in plugins need no process isolation; in-process loading halves Nx's own start-up time.
      { cwd: workspaceRoot, stdio: 'inherit', env: { NX_ISOLATE_PLUGINS: 'false', ...io.env } },
    );
    if (nx.status !== 0) return nx.status ?? 3;
  }
  // Folders no area owns any more (a removed cluster or area) are deleted once every area has rendered, and
  // each cluster's picture is drawn from what the areas wrote.
  const removed = writeTree(workspaceRoot, clusterReadmeFiles(workspaceRoot, selection.enabledClusters), {
    folders: [],
    areas: [],
    enabledClusters: selection.enabledClusters,
    wholeTree: true,
    layout,
  });
  for (const path of removed.extra) io.stdout(`deleted ${path}\n`);
  for (const path of removed.stale) io.stdout(`wrote ${path}\n`);
  return 0;
}
