// `npm run render` — renders every area into gitops/ through the areas' cached Nx `render` targets.
//   npm run render                                   all environments, all clusters
//   npm run render -- --env prod --cluster <name>    one cluster
//   npm run render -- --check                        compare only; exit 1 and list stale/extra files
//   --enable-<cloud> / --disable-<cloud>, ENABLE_AWS|GCP|AZURE choose the clouds.
// --check never uses the Nx cache (a cached "up to date" would hide hand edits): it renders all areas in
// this process and compares. Exit codes: 0 ok, 1 check found differences, 2 bad configuration/arguments,
// 3 an area failed. After the areas, the whole-tree step writes (or, with --check, compares) each cluster's
// README.md picture from the rendered YAML (cluster-readmes.ts). Prerequisite: npm install.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EnvironmentConfigError, findWorkspaceRoot } from '@go-coffee/environments';
import { diffTree, runRenderCommand, selectClusters, writeTree } from '@go-coffee/render-kit';
import { findAreaProjects } from './area-projects';
import { clusterReadmeFiles } from './cluster-readmes';
import { loadAreas } from './load-areas';

async function main(argv: string[]): Promise<number> {
  const workspaceRoot = findWorkspaceRoot();
  const io = { workspaceRoot, env: process.env, out: console.log, err: console.error };
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
    const code = runRenderCommand(areas, argv, io);
    if (code !== 0 && code !== 1) return code;
    const readmes = diffTree(workspaceRoot, clusterReadmeFiles(workspaceRoot, selection.enabledClusters), {
      folders: [],
      areas: [],
      enabledClusters: selection.enabledClusters,
      wholeTree: false,
    });
    for (const path of readmes.stale) console.log(`stale ${path}`);
    if (readmes.stale.length > 0) {
      console.error(
        `render --check: ${readmes.stale.length} cluster README(s) differ from the picture of their rendered objects; run npm run render and commit the result`,
      );
      return 1;
    }
    return code;
  }
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
  // Folders no area owns any more (a removed cluster or area) are deleted once every area has rendered, and
  // each cluster's picture is drawn from what the areas wrote.
  const removed = writeTree(workspaceRoot, clusterReadmeFiles(workspaceRoot, selection.enabledClusters), {
    folders: [],
    areas: [],
    enabledClusters: selection.enabledClusters,
    wholeTree: true,
  });
  for (const path of removed.extra) console.log(`deleted ${path}`);
  for (const path of removed.stale) console.log(`wrote ${path}`);
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
