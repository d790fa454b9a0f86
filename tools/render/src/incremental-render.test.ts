import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject } from 'cdk8s';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClusterContext } from '@go-coffee/environments/test-support';
import type { ClusterContext } from '@go-coffee/environments';
import { AreaLayout, renderCluster } from '@go-coffee/render-kit';
import type { RenderArea } from '@go-coffee/render-kit';
import { renderIncrementally } from './incremental-render';
import type { AreaWithSources } from './incremental-render';

/** An area whose output depends on the cluster's sizing, so a configuration change shows in its files. */
function sizedArea(name: string, namespace: string, syncWave: number): RenderArea {
  return {
    name,
    namespace,
    syncWave,
    render(chart, ctx) {
      new ApiObject(chart, 'sizing', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${name}-sizing`, namespace },
        data: { maxReplicas: String(ctx.sizing.maxReplicas), cluster: ctx.name },
      });
    },
  };
}

let workspace: string;
let out: string;
let clusters: ClusterContext[];
const areas: AreaWithSources[] = [
  { area: sizedArea('core-services', 'go-coffee', 1), sourceDirs: ['apps/core-services'] },
  { area: sizedArea('platform', 'argocd', 0), sourceDirs: ['apps/platform'] },
];
const layout = new AreaLayout(areas.map(({ area }) => area));

function render(): string[] {
  return [
    ...renderIncrementally({
      workspaceRoot: workspace,
      outRoot: out,
      areas,
      layout,
      clusters,
      enabledClusters: new Set(clusters.map((ctx) => ctx.name)),
    }).rendered,
  ];
}

function treeOf(root: string, dir = 'gitops'): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(root, dir))) {
    const path = `${dir}/${entry}`;
    if (statSync(join(root, path)).isDirectory()) Object.assign(files, treeOf(root, path));
    else files[path] = readFileSync(join(root, path), 'utf8');
  }
  return files;
}

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'incremental-render-'));
  out = join(workspace, 'out');
  for (const dir of ['apps/core-services/src', 'apps/platform/src', 'libs/render-kit/src']) {
    mkdirSync(join(workspace, dir), { recursive: true });
    writeFileSync(join(workspace, dir, 'index.ts'), `// ${dir}\n`);
  }
  clusters = [testClusterContext({ name: 'dev-aws-a' }), testClusterContext({ name: 'dev-aws-b' })];
});

afterEach(() => rmSync(workspace, { recursive: true, force: true }));

describe('incremental render', () => {
  it('renders every cluster × area from an empty cache, then nothing while no input changes', () => {
    expect(render()).toStrictEqual([
      'dev-aws-a/core-services',
      'dev-aws-a/platform',
      'dev-aws-b/core-services',
      'dev-aws-b/platform',
    ]);
    expect(render()).toStrictEqual([]);
  });

  it("re-renders only the changed cluster when one cluster's configuration changes, into the full render's tree", () => {
    render();
    clusters[1] = { ...clusters[1]!, sizing: { ...clusters[1]!.sizing, maxReplicas: 9 } };
    expect(render()).toStrictEqual(['dev-aws-b/core-services', 'dev-aws-b/platform']);

    const full = clusters.flatMap((ctx) =>
      renderCluster(
        ctx,
        areas.map(({ area }) => area),
      ),
    );
    expect(treeOf(out)).toStrictEqual(Object.fromEntries(full.map((file) => [file.path, file.content])));
    expect(treeOf(out)['gitops/dev-aws-b/core-services/configmap-go-coffee-core-services-sizing.yaml']).toContain(
      'maxReplicas: "9"',
    );
  });

  it("re-renders that area in every cluster when one area's code changes, and no other area", () => {
    render();
    appendFileSync(join(workspace, 'apps/platform/src/index.ts'), '// changed\n');
    expect(render()).toStrictEqual(['dev-aws-a/platform', 'dev-aws-b/platform']);
  });

  it('re-renders everything when shared library code changes, but not when only a test changes', () => {
    render();
    writeFileSync(join(workspace, 'apps/core-services/src/index.test.ts'), '// a test\n');
    expect(render()).toStrictEqual([]);
    appendFileSync(join(workspace, 'libs/render-kit/src/index.ts'), '// changed\n');
    expect(render()).toHaveLength(4);
  });

  it('re-renders a pair whose folder was deleted even though its key is unchanged', () => {
    render();
    rmSync(join(out, 'gitops/dev-aws-a/platform'), { recursive: true });
    expect(render()).toStrictEqual(['dev-aws-a/platform']);
  });
});
