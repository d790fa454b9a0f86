// Process entry of the render command. Each app's Nx `render` target runs it with its own entry module:
//   tsx tools/render/src/render-main.ts --areas apps/core-services/src/index.ts [render flags]
// Modules are loaded by path at run time so no project imports an app; every export that looks like a
// RenderArea (a `name` and a `render` function) is rendered. See render-command.ts for flags and exit codes.
import { findWorkspaceRoot } from '@go-coffee/environments';
import { loadAreaModules } from '@go-coffee/render-kit';
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
  const rest = [...argv.slice(0, index), ...argv.slice(index + 2)];
  const workspaceRoot = findWorkspaceRoot();
  const areas = await loadAreaModules(
    workspaceRoot,
    list.split(',').filter((path) => path !== ''),
  );
  return runRenderCommand(areas, rest, {
    workspaceRoot,
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
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
