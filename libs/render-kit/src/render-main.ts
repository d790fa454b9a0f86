// Process entry of the render command. Each app's Nx `render` target runs it with its own entry module:
//   tsx libs/render-kit/src/render-main.ts --areas apps/core-services/src/index.ts [render flags]
// --objects-from <entry modules> renders more areas in memory without writing them: the platform area's
// Applications need every area's objects for their ignoreDifferences (see apps/platform/project.json).
// Modules are loaded by path at run time so no project imports an app; every export that looks like a
// RenderArea (a `name` and a `render` function) is rendered. See render-command.ts for flags and exit codes.
import { findWorkspaceRoot } from '@go-coffee/environments';
import { loadAreaModules } from './area-modules';
import { runRenderCommand } from './render-command';

async function main(argv: string[]): Promise<number> {
  const index = argv.indexOf('--areas');
  const list = index >= 0 ? argv[index + 1] : undefined;
  if (list === undefined) {
    console.error(
      'render: --areas <comma-separated entry modules> is required\n  fix: see the render target in apps/*/project.json',
    );
    return 2;
  }
  let rest = [...argv.slice(0, index), ...argv.slice(index + 2)];
  const objectsIndex = rest.indexOf('--objects-from');
  const objectsList = objectsIndex >= 0 ? rest[objectsIndex + 1] : '';
  if (objectsList === undefined || objectsList.startsWith('--')) {
    console.error('render: --objects-from needs a comma-separated list of entry modules');
    return 2;
  }
  if (objectsIndex >= 0) rest = [...rest.slice(0, objectsIndex), ...rest.slice(objectsIndex + 2)];
  const workspaceRoot = findWorkspaceRoot();
  const modules = (text: string) => text.split(',').filter((path) => path !== '');
  const areas = await loadAreaModules(workspaceRoot, modules(list));
  const objectAreas = await loadAreaModules(workspaceRoot, modules(objectsList));
  return runRenderCommand(
    areas,
    rest,
    {
      workspaceRoot,
      env: process.env,
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    },
    objectAreas,
  );
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
