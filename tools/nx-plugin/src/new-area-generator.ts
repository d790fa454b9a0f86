// `npm run new:area -- <name>` (nx g ./tools/nx-plugin/generators.json:area <name>): scaffolds a render area that
// renders into every cluster and passes lint, typecheck and the policy gate, writing only apps/<name>/. Nothing
// central changes: the Nx plugin infers the project from src/area.ts, the render engine and `npm run render` find
// the area by that file, and the platform area renders its namespace (restricted Pod Security, quota, limits) and
// AppProject from its declaration. Run `npm run render` afterwards to write its gitops/ folders.
import { formatFiles, names } from '@nx/devkit';
import type { Tree } from '@nx/devkit';

/** Where the scaffolded test takes its cluster context from (the generator itself never imports test code). */
const TEST_SUPPORT_ENTRY = ['@go-coffee/environments', 'test-support'].join('/');

export interface NewAreaOptions {
  /** Area name: lowercase letters, digits and dashes. */
  readonly name: string;
}

const AREA_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Leaves room for the `go-coffee-` namespace prefix within a 63-character DNS label. */
const MAX_NAME_LENGTH = 40;

/** Throws an actionable message when `name` cannot be an area, or already is one. */
export function checkAreaName(tree: Tree, name: string): void {
  if (!AREA_NAME.test(name) || name.length > MAX_NAME_LENGTH) {
    throw new Error(
      `"${name}" is not an area name: use at most ${MAX_NAME_LENGTH} lowercase letters, digits and single dashes, starting with a letter (e.g. loyalty).`,
    );
  }
  if (tree.exists(`apps/${name}`)) {
    throw new Error(`apps/${name} already exists; pick another name or edit that area.`);
  }
}

/** The files of a new area, by workspace-relative path. */
export function newAreaFiles(name: string): Record<string, string> {
  const { className, propertyName } = names(name);
  const namespace = `go-coffee-${name}`;
  const root = `apps/${name}`;
  return {
    [`${root}/README.md`]: `# ${name}\n\ncdk8s render area \`${name}\` (namespace \`${namespace}\`): its settings ConfigMap and the namespace's default-deny NetworkPolicy.\n`,
    [`${root}/tsconfig.json`]: `{ "extends": "../../tsconfig.base.json", "include": ["**/*.ts"] }\n`,
    [`${root}/src/area.ts`]: `// What the ${name} area declares about itself (render-kit's AreaDeclaration); types only, so Nx reads it cheaply.
import type { AreaDeclaration } from '@go-coffee/render-kit';

export const ${propertyName}Declaration: AreaDeclaration = {
  name: '${name}',
  namespace: '${namespace}',
  // The workloads' last wave, which the root Application does not wait on.
  syncWave: 0,
  project: {
    description: 'The ${name} area.',
  },
};
`,
    [`${root}/src/index.ts`]: `// Entry point of the ${name} cdk8s app: the RenderArea the render engine calls once per cluster.
import type { Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import type { RenderArea } from '@go-coffee/render-kit';
import { ${propertyName}Declaration } from './area';
import { ${className}Settings } from './${name}-settings';

export const ${propertyName}Area: RenderArea = {
  ...${propertyName}Declaration,
  render(chart: Chart, ctx: ClusterContext): void {
    new ${className}Settings(chart, 'settings', { ctx, namespace: ${propertyName}Declaration.namespace });
  },
};
`,
    [`${root}/src/${name}-settings.ts`]: `// The ${name} area's baseline in its namespace: a ConfigMap with the cluster's settings, and the default-deny
// NetworkPolicies every namespace starts from (workloads add their own allows).
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import { NamespaceDefaultDeny } from '@go-coffee/workload-constructs';

export interface ${className}SettingsProps {
  readonly ctx: ClusterContext;
  /** Namespace of the area (its declaration's namespace). */
  readonly namespace: string;
}

export class ${className}Settings extends Construct {
  constructor(scope: Construct, id: string, props: ${className}SettingsProps) {
    super(scope, id);
    const { ctx, namespace } = props;
    new ApiObject(this, 'config', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: '${name}-settings', namespace },
      data: { CLOUD: ctx.cloud, ENVIRONMENT: ctx.environment, REGION: ctx.region },
    });
    new NamespaceDefaultDeny(this, 'default-deny', { namespace });
  }
}
`,
    [`${root}/src/${name}-settings.test.ts`]: `import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { testClusterContext } from '${TEST_SUPPORT_ENTRY}';
import { ${className}Settings } from './${name}-settings';

describe('${className}Settings', () => {
  it("renders the cluster's settings and a default-deny NetworkPolicy into the area's namespace", () => {
    const chart = Testing.chart();
    new ${className}Settings(chart, 'settings', { ctx: testClusterContext(), namespace: '${namespace}' });
    const objects = Testing.synth(chart) as { kind: string; metadata: { name: string; namespace: string } }[];
    expect(objects.map((o) => \`\${o.kind} \${o.metadata.namespace}/\${o.metadata.name}\`).sort()).toStrictEqual([
      'ConfigMap ${namespace}/${name}-settings',
      'NetworkPolicy ${namespace}/allow-dns-egress',
      'NetworkPolicy ${namespace}/default-deny-all',
    ]);
  });
});
`,
  };
}

export async function newAreaGenerator(tree: Tree, options: NewAreaOptions): Promise<void> {
  checkAreaName(tree, options.name);
  for (const [path, content] of Object.entries(newAreaFiles(options.name))) tree.write(path, content);
  await formatFiles(tree);
}

export default newAreaGenerator;
