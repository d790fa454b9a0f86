// Process entry of the render command. Each app's Nx `render` target runs it with its own entry module:
//   tsx tools/render/src/render-main.ts --areas apps/core-services/src/index.ts [render flags]
// Modules are loaded by path at run time so no project imports an app; every export that looks like a
// RenderArea (a `name` and a `render` function) is rendered. See render-command.ts for flags and exit codes.
import { launchMain, type CliIo } from '@go-coffee/cli';
import { loadAreaLayout, loadAreaModules } from '@go-coffee/render-kit';
import { workspaceRoot } from '@go-coffee/cli';
import { runRenderCommand } from './render-command';

/** `--areas <list>` names the entry modules; every other argument is a render flag. */
export async function renderAreasCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const index = argv.indexOf('--areas');
  const list = index >= 0 ? argv[index + 1] : undefined;
  if (list === undefined) {
    io.stderr(
      'render: --areas <comma-separated entry modules> is required\n  fix: see the render target in nx.json targetDefaults\n',
    );
    return 2;
  }
  const rest = [...argv.slice(0, index), ...argv.slice(index + 2)];
  const root = workspaceRoot();
  const areas = await loadAreaModules(
    root,
    list.split(',').filter((path) => path !== ''),
  );
  // Every area's declaration, not only the rendered ones': the platform renders their namespaces and AppProjects.
  const layout = await loadAreaLayout(root);
  return runRenderCommand(areas, rest, { ...io, workspaceRoot: root }, layout);
}

await launchMain(renderAreasCommand, { tool: '', unexpectedExitCode: 3 });
