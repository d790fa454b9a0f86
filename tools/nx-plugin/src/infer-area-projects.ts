// Infers one Nx project per render area from the files it has, instead of a project.json copied per area: a folder
// apps/<name>/ with a declaration module src/area.ts (render-kit's AreaDeclaration) is the Nx project <name>, tagged
// like every app, with lint, typecheck and test from nx.json's targetDefaults, a `render` target whose outputs are
// the area's folder and the Application files its render writes, and the area's `policy` target. Nothing else is
// read: declarations import types only, so computing the project graph never loads an area's code.
import { basename, dirname, join } from 'node:path';
import { createNodesFromFiles } from '@nx/devkit';
import type { CreateNodesV2, ProjectConfiguration, TargetConfiguration } from '@nx/devkit';

/** Same convention as render-kit's findAreaFolders: apps/<name>/src/area.ts. */
export const AREA_DECLARATION_GLOB = 'apps/*/src/area.ts';

/** The facts of an AreaDeclaration this plugin reads (render-kit's type, restated: a tool never imports the engine). */
export interface DeclaredAreaFacts {
  readonly name: string;
  readonly namespace: string;
  readonly syncWave: number;
  readonly carveOuts?: readonly { readonly application: string }[];
  readonly applications?: readonly string[];
}

/** Loads a TypeScript module by absolute path and returns its exports. */
export type ModuleLoader = (absolutePath: string) => Record<string, unknown>;

function isDeclaration(value: unknown): value is DeclaredAreaFacts {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DeclaredAreaFacts).name === 'string' &&
    typeof (value as DeclaredAreaFacts).namespace === 'string'
  );
}

// The area policy check reads the rendered tree of every area, so it waits for every render and the policy bundle.
const POLICY_TARGET: TargetConfiguration = {
  executor: 'nx:run-commands',
  cache: true,
  dependsOn: [
    { target: 'build', projects: ['policies'] },
    { target: 'render', projects: ['tag:type:app'] },
  ],
  inputs: [
    '{workspaceRoot}/tools/policy-check/src/**/*.ts',
    '!{workspaceRoot}/tools/policy-check/src/**/*.test.ts',
    '{workspaceRoot}/libs/toolchain/src/**/*.ts',
    '!{workspaceRoot}/libs/toolchain/src/**/*.test.ts',
    '{workspaceRoot}/gitops/**/*',
    { dependentTasksOutputFiles: '**/*', transitive: true },
    { env: 'POLICY_BASELINE' },
  ],
  options: {
    command:
      'tsx tools/policy-check/src/area-policy-main.ts {projectName} ${POLICY_BASELINE:+--baseline=$POLICY_BASELINE}',
  },
};

/**
 * The Nx project of the area declared in `<projectRoot>/src/area.ts`. The render target's command, inputs and
 * caching come from nx.json targetDefaults; its outputs are the area's own files, so restoring one area from the
 * cache never overwrites another's.
 */
export function areaProject(projectRoot: string, declaration: DeclaredAreaFacts): ProjectConfiguration {
  const applications = [
    declaration.name,
    ...(declaration.carveOuts ?? []).map((carveOut) => carveOut.application),
    ...(declaration.applications ?? []),
  ].sort();
  return {
    root: projectRoot,
    name: declaration.name,
    sourceRoot: `${projectRoot}/src`,
    projectType: 'application',
    // scope:render keeps the module-boundary rule of every app: render libraries, environments and shared ones only.
    tags: ['type:app', 'scope:render'],
    targets: {
      lint: {},
      typecheck: {},
      test: {},
      render: {
        outputs: [
          `{workspaceRoot}/gitops/*/${declaration.name}/**`,
          `{workspaceRoot}/gitops-source-map/*/${declaration.name}.json`,
          ...applications.map((app) => `{workspaceRoot}/gitops/*/applications/application-argocd-${app}.yaml`),
        ],
      },
      policy: POLICY_TARGET,
    },
  };
}

/** The declaration a module exports; throws naming the file and the fix when it is missing or misnamed. */
export function declarationOf(file: string, exports: Record<string, unknown>): DeclaredAreaFacts {
  const found = Object.values(exports).filter(isDeclaration);
  if (found.length !== 1) {
    throw new Error(
      `${file} exports ${found.length} area declarations (objects with a name and a namespace); export exactly one.`,
    );
  }
  const folder = basename(dirname(dirname(file)));
  if (found[0]!.name !== folder) {
    throw new Error(`${file} declares the area "${found[0]!.name}"; an area is named like its folder, "${folder}".`);
  }
  return found[0]!;
}

/** createNodesV2 for AREA_DECLARATION_GLOB, loading declarations with `load`. */
export function inferAreaProjects(load: ModuleLoader): CreateNodesV2 {
  return [
    AREA_DECLARATION_GLOB,
    (files, _options, context) =>
      createNodesFromFiles(
        (file) => {
          const projectRoot = dirname(dirname(file));
          const declaration = declarationOf(file, load(join(context.workspaceRoot, file)));
          return { projects: { [projectRoot]: areaProject(projectRoot, declaration) } };
        },
        files,
        _options,
        context,
      ),
  ];
}
