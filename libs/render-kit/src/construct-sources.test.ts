import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiObject } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '@go-coffee/environments';
import { workspaceFrames } from './construct-sources';
import type { RenderArea } from './render-area';
import { declaredArea } from './test-fixtures/workspace-areas';
import { renderCluster } from './render-cluster';

const root = resolve(import.meta.dirname, '../../..');
const lineAt = (location: string): string => {
  const [file, line] = location.split(':') as [string, string];
  return readFileSync(resolve(root, file), 'utf8').split('\n')[Number(line) - 1]!;
};

const area: RenderArea = declaredArea('core-services', (chart, ctx) => {
  const image = ctx.images['api-gateway'];
  new ApiObject(chart, 'deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'go-coffee' },
    spec: { template: { spec: { containers: [{ name: 'api', image: `${image.repository}:${image.tag}` }] } } },
  });
  new ApiObject(chart, 'hpa', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'api', namespace: 'go-coffee' },
    spec: {
      minReplicas: ctx.sizing.minReplicas,
      maxReplicas: ctx.sizing.maxReplicas,
      replicas: ctx.sizing.maxReplicas,
    },
  });
});

describe('the source of each rendered object', () => {
  const [ctx] = loadEnvironment('prod', { workspaceRoot: root }).clusters;
  const files = renderCluster(ctx!, [area], { ignoreRules: [] });
  const source = (suffix: string) => files.find((file) => file.path.endsWith(suffix))!.source!;

  it('is the line that created it, the construct path beside it', () => {
    const deployment = source('core-services/deployment-go-coffee-api.yaml');
    expect(deployment.construct).toBe('core-services/deployment');
    expect(deployment.source).toMatch(/^libs\/render-kit\/src\/construct-sources\.test\.ts:\d+$/);
    expect(lineAt(deployment.source!).trim()).toBe("new ApiObject(chart, 'deployment', {");
    expect(deployment.callers).toStrictEqual([]);
  });

  it('holds the environments/ line of each configuration value in it, by field', () => {
    expect(source('core-services/deployment-go-coffee-api.yaml').config).toStrictEqual([
      {
        field: 'spec.template.spec.containers[0].image',
        setting: 'images.api-gateway',
        value: `${ctx!.images['api-gateway'].repository}:${ctx!.images['api-gateway'].tag}`,
        source: expect.stringMatching(/^environments\/images\/prod\.yaml:\d+$/) as unknown as string,
        alsoFrom: [expect.stringMatching(/^environments\/defaults\.yaml:\d+$/) as unknown as string],
      },
    ]);
    // A replica bound only under its own field name: `replicas` holding the same number is not claimed.
    expect(
      source('core-services/horizontalpodautoscaler-go-coffee-api.yaml').config!.map((c) => c.field),
    ).toStrictEqual(['spec.maxReplicas', 'spec.minReplicas']);
  });

  it('covers the child Applications the engine writes, created in the engine library', () => {
    const application = source('applications/application-argocd-core-services.yaml');
    expect(application.source).toMatch(/^libs\/render-kit\/src\/argo-application\.ts:\d+$/);
    expect(application.callers![0]).toMatch(/^libs\/render-kit\/src\/child-applications\.ts:\d+$/);
    expect(application.config!.map((c) => c.setting)).toStrictEqual(['gitops.repoURL', 'gitops.targetRevision']);
  });
});

describe('workspaceFrames', () => {
  it('keeps apps/ and libs/ frames up to the engine, workspace-relative, innermost first', () => {
    const stack = [
      'Error',
      '    at Node.addChild (/w/libs/render-kit/src/construct-sources.ts:60:7)',
      '    at new Node (/w/node_modules/constructs/lib/construct.js:65:24)',
      '    at new Api (file:///w/libs/workload-constructs/src/api.ts:12:5)',
      '    at /w/apps/core-services/src/area.ts:30:9',
      '    at captureCreationSites (/w/libs/render-kit/src/construct-sources.ts:70:5)',
      '    at run (/w/apps/other/src/after-the-engine.ts:1:1)',
    ].join('\n');
    expect(workspaceFrames(stack, '/w')).toStrictEqual([
      'libs/workload-constructs/src/api.ts:12',
      'apps/core-services/src/area.ts:30',
    ]);
  });
});
