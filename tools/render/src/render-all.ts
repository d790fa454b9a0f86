// `npm run render` — renders every area into gitops/ through the areas' cached Nx `render` targets.
//   npm run render                                   all environments, all clusters
//   npm run render -- --env prod --cluster <name>    one cluster
//   npm run render -- --check                        compare only; exit 1 and list stale/extra files
//   --enable-<cloud> / --disable-<cloud>, ENABLE_AWS|GCP|AZURE choose the clouds.
// --check never uses the Nx cache (a cached "up to date" would hide hand edits): it renders all areas in
// this process and compares. Exit codes: 0 ok, 1 check found differences, 2 bad configuration/arguments,
// 3 an area failed. Prerequisite: npm install. Process entry: main.ts (bin/render.mjs).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CliIo } from '@go-coffee/cli';
import { EnvironmentConfigError } from '@go-coffee/environments';
import { writeTree } from '@go-coffee/render-kit';
import { workspaceRoot as findWorkspaceRoot } from '@go-coffee/cli';
import { findAreaProjects } from './area-projects';
import { loadAreas, loadLayout } from './load-areas';
import { runRenderCommand, selectClusters } from './render-command';

export async function renderAll(argv: readonly string[], cliIo: CliIo): Promise<number> {
  const workspaceRoot = findWorkspaceRoot();
  const io = { ...cliIo, workspaceRoot };
  const layout = await loadLayout(workspaceRoot);
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
    return runRenderCommand(areas, argv, io, layout);
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
    { cwd: workspaceRoot, stdio: 'inherit', env: { NX_ISOLATE_PLUGINS: 'false', ...io.env } },
  );
  if (nx.status !== 0) return nx.status ?? 3;
  // Folders no area owns any more (a removed cluster or area) are deleted once every area has rendered.
  const removed = writeTree(workspaceRoot, [], {
    folders: [],
    areas: [],
    enabledClusters: selection.enabledClusters,
    wholeTree: true,
    layout,
  });
  for (const path of removed.extra) io.stdout(`deleted ${path}\n`);
  return 0;
}
