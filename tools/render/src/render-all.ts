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
import { diffTree, renderCluster, runRenderCommand, selectClusters, writeTree } from '@go-coffee/render-kit';
import type { RenderArea, RenderSelection } from '@go-coffee/render-kit';
import type { KubeObject } from '@go-coffee/kube-objects';
import { findAreaProjects } from './area-projects';
import { clusterReadmeFiles } from './cluster-readmes';
import { loadAreas } from './load-areas';

/**
 * `--check`: the areas' files against a fresh in-memory render (runRenderCommand), then each cluster's README
 * against the picture of its objects: the committed ones when they are up to date, else a fresh render of the
 * selected clusters, so the list names exactly the files `npm run render` would change, sorted.
 */
function checkWholeTree(
  areas: readonly RenderArea[],
  argv: readonly string[],
  selection: RenderSelection,
  workspaceRoot: string,
): number {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = runRenderCommand(areas, argv, {
    workspaceRoot,
    env: process.env,
    out: (line) => lines.push(line),
    err: (line) => errors.push(line),
  });
  if (code !== 0 && code !== 1) {
    for (const line of lines) console.log(line);
    for (const line of errors) console.error(line);
    return code;
  }
  const fresh = new Map<string, KubeObject[]>();
  if (code === 1) {
    for (const ctx of selection.clusters)
      fresh.set(
        ctx.name,
        renderCluster(ctx, areas).map((file) => file.manifest as KubeObject),
      );
  }
  const readmes = diffTree(workspaceRoot, clusterReadmeFiles(workspaceRoot, selection.enabledClusters, fresh), {
    folders: [],
    areas: [],
    enabledClusters: selection.enabledClusters,
    wholeTree: false,
  });
  const stale = [...lines.filter((line) => line.startsWith('stale ')), ...readmes.stale.map((path) => `stale ${path}`)];
  const extra = lines.filter((line) => line.startsWith('extra '));
  if (stale.length === 0 && extra.length === 0) {
    for (const line of lines) console.log(line);
    return 0;
  }
  for (const line of [...stale.sort(), ...extra]) console.log(line);
  console.error(
    `render --check: ${stale.length} stale and ${extra.length} extra file(s) in gitops/ (cluster READMEs included); run npm run render and commit the result`,
  );
  return 1;
}

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
    return checkWholeTree(areas, argv, selection, workspaceRoot);
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
