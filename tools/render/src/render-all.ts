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
// 3 an area failed. Prerequisite: npm install.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EnvironmentConfigError, findWorkspaceRoot } from '@go-coffee/environments';
import { runRenderCommand, selectClusters, writeTree } from '@go-coffee/render-kit';
import { findAreaProjects } from './area-projects';
import { renderIncrementally } from './incremental-render';
import { loadAreas, loadAreasWithSources } from './load-areas';

async function main(args: string[]): Promise<number> {
  const incremental = args.includes('--incremental');
  const clustersAt = args.indexOf('--clusters');
  const clusterList = clustersAt >= 0 ? args[clustersAt + 1] : undefined;
  if (clustersAt >= 0 && (clusterList === undefined || clusterList.startsWith('--'))) {
    console.error('render: --clusters needs a comma-separated list of cluster names');
    return 2;
  }
  const argv = args.filter(
    (arg, index) => arg !== '--incremental' && (clustersAt < 0 || (index !== clustersAt && index !== clustersAt + 1)),
  );
  const workspaceRoot = findWorkspaceRoot();
  const io = { workspaceRoot, env: process.env, out: console.log, err: console.error };
  if (clusterList !== undefined) {
    // Areas load once; each cluster is one render command, so every flag and exit code is the usual one.
    const areas = await loadAreas(workspaceRoot, findAreaProjects(workspaceRoot));
    let worst = 0;
    for (const cluster of clusterList.split(',').filter(Boolean)) {
      worst = Math.max(worst, runRenderCommand(areas, [...argv, '--cluster', cluster], io));
    }
    return worst;
  }
  let selection;
  try {
    selection = selectClusters(argv, io);
  } catch (error) {
    if (error instanceof EnvironmentConfigError) {
      console.error(error.message);
      return error.exitCode;
    }
    throw error;
  }
  const projects = findAreaProjects(workspaceRoot);
  if (selection.check) {
    const areas = await loadAreas(workspaceRoot, projects);
    return runRenderCommand(areas, argv, io);
  }
  if (incremental) {
    const result = renderIncrementally({
      workspaceRoot,
      outRoot: workspaceRoot,
      areas: await loadAreasWithSources(workspaceRoot, projects),
      clusters: selection.clusters,
      enabledClusters: selection.enabledClusters,
    });
    console.log(
      `render --incremental: ${result.rendered.length} cluster × area pair(s) rendered, ${result.skipped} unchanged; ${result.written} written, ${result.deleted} deleted`,
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
      { cwd: workspaceRoot, stdio: 'inherit', env: { NX_ISOLATE_PLUGINS: 'false', ...process.env } },
    );
    if (nx.status !== 0) return nx.status ?? 3;
  }
  // Folders no area owns any more (a removed cluster or area) are deleted once every area has rendered.
  const removed = writeTree(workspaceRoot, [], {
    folders: [],
    areas: [],
    enabledClusters: selection.enabledClusters,
    wholeTree: true,
  });
  for (const path of removed.extra) console.log(`deleted ${path}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 3;
  },
);
