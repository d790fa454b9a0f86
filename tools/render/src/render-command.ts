// The render command behind every area's Nx `render` target and `npm run render`:
//   [--env dev|staging|prod] [--cluster <name>] [--check] [--enable-<cloud>|--disable-<cloud>]...
// Exit codes: 0 done / tree up to date; 1 --check found stale or extra files (listed); 2 invalid
// configuration, ignore rules or arguments (nothing written); 3 an area failed to render (nothing written).
import { parseCommandLine, UsageError, type CliIo } from '@go-coffee/cli';
import { EnvironmentConfigError, loadAllEnvironments, parseCloudToggles } from '@go-coffee/environments';
import { IgnoreRulesError } from '@go-coffee/ignore-rules';
import type { ClusterContext } from '@go-coffee/environments';
import { AreaLayout, RenderError, diffTree, renderCluster, writeTree } from '@go-coffee/render-kit';
import type { RenderArea, RenderedFile, TreeScope } from '@go-coffee/render-kit';

export interface RenderCommandIo extends CliIo {
  /** The folder holding environments/ and gitops/. */
  readonly workspaceRoot: string;
}

/** The render flags besides --enable-<cloud>/--disable-<cloud>, which parseCloudToggles reads first. */
const RENDER_OPTIONS = {
  env: { type: 'string' },
  cluster: { type: 'string' },
  check: { type: 'boolean', default: false },
} as const;

interface RenderArgs {
  readonly environment?: string;
  readonly cluster?: string;
  readonly check: boolean;
}

function parseRenderArgs(argv: readonly string[]): RenderArgs {
  try {
    const { values } = parseCommandLine(argv, { options: RENDER_OPTIONS });
    return { environment: values.env, cluster: values.cluster, check: values.check };
  } catch (error) {
    if (error instanceof UsageError)
      throw usage(
        error.message,
        'use --env <dev|staging|prod>, --cluster <name>, --check, --enable-<cloud>, --disable-<cloud>',
      );
    throw error;
  }
}

function usage(problem: string, fix: string): EnvironmentConfigError {
  return new EnvironmentConfigError([{ source: 'command line', field: '', problem, fix }]);
}

export interface RenderSelection {
  /** Clusters this run renders. */
  readonly clusters: readonly ClusterContext[];
  /** Every cluster enabled in any environment. */
  readonly enabledClusters: ReadonlySet<string>;
  readonly check: boolean;
}

/** Parses arguments and loads environments; throws EnvironmentConfigError (exit 2). */
export function selectClusters(
  argv: readonly string[],
  io: Pick<RenderCommandIo, 'workspaceRoot' | 'env'>,
  layout: AreaLayout,
): RenderSelection {
  const { toggles, rest } = parseCloudToggles(argv, io.env);
  const args = parseRenderArgs(rest);
  const environments = loadAllEnvironments({ workspaceRoot: io.workspaceRoot, clouds: toggles });
  for (const loaded of environments) {
    const known = new Set(layout.applicationNames());
    const unknown = (loaded.clusters[0]?.sync?.manualApplications ?? []).filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new EnvironmentConfigError([
        {
          source: `environments/${loaded.environment}.yaml`,
          field: 'sync.manual',
          problem: `unknown Application ${unknown.map((n) => `"${n}"`).join(', ')}`,
          fix: `use names from: ${[...known].sort().join(', ')}`,
        },
      ]);
    }
  }
  const all = environments.flatMap((loaded) => loaded.clusters);
  if (args.environment !== undefined && !environments.some((loaded) => loaded.environment === args.environment)) {
    throw usage(
      `unknown environment "${args.environment}"`,
      `use one of: ${environments.map((e) => e.environment).join(', ')}`,
    );
  }
  const inEnvironment = all.filter((ctx) => args.environment === undefined || ctx.environment === args.environment);
  const clusters = inEnvironment.filter((ctx) => args.cluster === undefined || ctx.name === args.cluster);
  if (args.cluster !== undefined && clusters.length === 0) {
    const disabled = environments.flatMap((loaded) => loaded.disabledClusters).includes(args.cluster);
    throw usage(
      `cluster "${args.cluster}" is ${disabled ? 'disabled' : 'not defined'}${args.environment ? ` in ${args.environment}` : ''}`,
      disabled
        ? 'enable its cloud (e.g. --enable-azure or ENABLE_AZURE=true) or set enabled: true on the cluster'
        : `use one of: ${inEnvironment.map((ctx) => ctx.name).join(', ')}`,
    );
  }
  return { clusters, enabledClusters: new Set(all.map((ctx) => ctx.name)), check: args.check };
}

/**
 * Runs the render (or --check) for `areas`; returns the exit code. Each area writes its folder and its own child
 * Applications in the cluster's applications folder, nothing else. `layout` holds every declared area of the
 * workspace (loadAreaLayout); by default only `areas`.
 */
export function runRenderCommand(
  areas: readonly RenderArea[],
  argv: readonly string[],
  io: RenderCommandIo,
  layout: AreaLayout = new AreaLayout(areas),
): number {
  let selection: RenderSelection;
  let files: RenderedFile[];
  try {
    selection = selectClusters(argv, io, layout);
    files = selection.clusters.flatMap((ctx) => renderCluster(ctx, areas, { layout }));
  } catch (error) {
    if (error instanceof EnvironmentConfigError || error instanceof RenderError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof IgnoreRulesError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const areaNames = areas.map((area) => area.name);
  const scope: TreeScope = {
    folders: selection.clusters.flatMap((ctx) => areaNames.map((area) => ({ cluster: ctx.name, area }))),
    areas: areaNames,
    enabledClusters: selection.enabledClusters,
    wholeTree: layout.areaNames.every((name) => areaNames.includes(name)),
    layout,
  };
  const summary = `${selection.clusters.length} cluster(s) × ${areaNames.length} area(s) [${areaNames.join(', ')}], ${files.length} objects`;
  if (selection.check) {
    const diff = diffTree(io.workspaceRoot, files, scope);
    if (diff.stale.length === 0 && diff.extra.length === 0) {
      io.stdout(`render --check: gitops/ is up to date (${summary})\n`);
      return 0;
    }
    for (const path of diff.stale) io.stdout(`stale ${path}\n`);
    for (const path of diff.extra) io.stdout(`extra ${path}\n`);
    io.stderr(
      `render --check: ${diff.stale.length} stale and ${diff.extra.length} extra file(s) in gitops/; run npm run render and commit the result\n`,
    );
    return 1;
  }
  const diff = writeTree(io.workspaceRoot, files, scope);
  io.stdout(`render: ${summary}; ${diff.stale.length} written, ${diff.extra.length} deleted\n`);
  return 0;
}
