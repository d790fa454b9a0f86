import { ApiObject } from 'cdk8s';
import type { Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { testClusterContext } from '@go-coffee/environments/test-support';
import { TRACKING_ID_ANNOTATION } from '@go-coffee/kube-objects';
import { ArgoApplication } from './argo-application';
import type { RenderArea } from './render-area';
import { RenderError, renderCluster } from './render-cluster';
import { workspaceLayout } from './test-fixtures/workspace-areas';

/** A RenderArea with the declaration of the workspace's area `name`. */
function area(name: string, render: (chart: Chart) => void): RenderArea {
  return { ...workspaceLayout.area(name), render: (chart) => render(chart) };
}

const configMap = (chart: Chart, name: string, extra: Record<string, unknown> = {}): ApiObject =>
  new ApiObject(chart, name, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'go-coffee' },
    ...extra,
  });

describe('renderCluster', () => {
  it('writes each area into its own folder of the cluster, sorted by path, with owners stamped', () => {
    const ctx = testClusterContext();
    const files = renderCluster(ctx, [
      area('core-services', (chart) => {
        configMap(chart, 'web3-payment-service-config');
        configMap(chart, 'api-gateway-config');
      }),
      area(
        'platform',
        (chart) => new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'go-coffee' } }),
      ),
    ]);
    const areaFiles = files.filter((f) => !f.path.includes('/applications/'));
    expect(areaFiles.map((f) => [f.path, f.manifest.metadata.annotations?.[TRACKING_ID_ANNOTATION]])).toStrictEqual([
      [
        'gitops/dev-aws-us-east-1/core-services/configmap-go-coffee-api-gateway-config.yaml',
        'core-services:/ConfigMap:go-coffee/api-gateway-config',
      ],
      [
        'gitops/dev-aws-us-east-1/core-services/configmap-go-coffee-web3-payment-service-config.yaml',
        'web3-payment:/ConfigMap:go-coffee/web3-payment-service-config',
      ],
      ['gitops/dev-aws-us-east-1/platform/namespace-go-coffee.yaml', 'platform:/Namespace:argocd/go-coffee'],
    ]);
  });

  it("writes each area's child Applications into the cluster's applications folder, owned by the root", () => {
    const ctx = testClusterContext();
    const files = renderCluster(ctx, [area('core-services', (chart) => configMap(chart, 'api-gateway-config'))]);
    const applications = files.filter((f) => f.path.startsWith('gitops/dev-aws-us-east-1/applications/'));
    expect(
      applications.map((f) => [f.path, f.area, f.manifest.metadata.annotations?.[TRACKING_ID_ANNOTATION]]),
    ).toStrictEqual([
      [
        'gitops/dev-aws-us-east-1/applications/application-argocd-core-services.yaml',
        'core-services',
        'root:argoproj.io/Application:argocd/core-services',
      ],
      [
        'gitops/dev-aws-us-east-1/applications/application-argocd-web3-payment.yaml',
        'core-services',
        'root:argoproj.io/Application:argocd/web3-payment',
      ],
    ]);
    const source = (name: string) =>
      (applications.find((f) => f.manifest.metadata.name === name)!.manifest.spec as { source: unknown }).source;
    expect(source('core-services')).toStrictEqual({
      repoURL: ctx.gitops.repoURL,
      targetRevision: ctx.gitops.targetRevision,
      path: 'gitops/dev-aws-us-east-1/core-services',
      directory: { exclude: '*web3-payment-service*' },
    });
    expect(source('web3-payment')).toMatchObject({ directory: { include: '*web3-payment-service*' } });
  });

  it("writes an area's extra app-of-apps Applications (renderApplications) next to the child Applications", () => {
    const ctx = testClusterContext();
    const root: RenderArea = {
      ...workspaceLayout.area('platform'),
      render: () => undefined,
      renderApplications: (chart) =>
        new ArgoApplication(chart, 'root', {
          name: 'root',
          project: 'platform',
          source: { repoURL: ctx.gitops.repoURL, targetRevision: 'main', path: `${ctx.gitops.path}/applications` },
          destinationNamespace: 'argocd',
          automated: true,
        }),
    };
    expect(renderCluster(ctx, [root]).map((f) => f.path)).toStrictEqual([
      'gitops/dev-aws-us-east-1/applications/application-argocd-platform.yaml',
      'gitops/dev-aws-us-east-1/applications/application-argocd-root.yaml',
    ]);
  });

  it("refuses an extra app-of-apps Application that is another area's to write", () => {
    const ctx = testClusterContext();
    const intruder: RenderArea = {
      ...workspaceLayout.area('observability'),
      render: () => undefined,
      renderApplications: (chart) =>
        new ArgoApplication(chart, 'root', {
          name: 'root',
          project: 'platform',
          source: { repoURL: ctx.gitops.repoURL, targetRevision: 'main', path: `${ctx.gitops.path}/applications` },
          destinationNamespace: 'argocd',
          automated: true,
        }),
    };
    expect(() => renderCluster(ctx, [intruder], { layout: workspaceLayout })).toThrow(
      /area observability: renderApplications produced argoproj.io\/v1alpha1 Application argocd\/root, but .* belongs to area platform's render/,
    );
  });

  it('refuses an area that renders a child Application itself, since the engine builds them', () => {
    const ctx = testClusterContext();
    const handMade = area(
      'platform',
      (chart) =>
        new ArgoApplication(chart, 'core', {
          name: 'core-services',
          project: 'core-services',
          source: { repoURL: ctx.gitops.repoURL, targetRevision: 'main', path: `${ctx.gitops.path}/core-services` },
          destinationNamespace: 'go-coffee',
          automated: true,
        }),
    );
    expect(() => renderCluster(ctx, [handMade])).toThrow(RenderError);
    expect(() => renderCluster(ctx, [handMade])).toThrow(
      /Application argocd\/core-services deploys gitops\/dev-aws-us-east-1\/core-services from this cluster's folder: the engine builds every child Application/,
    );
  });

  it('refuses an area the workspace does not declare, naming where to declare it', () => {
    const billing: RenderArea = { name: 'billing', namespace: 'billing', syncWave: 0, render: () => undefined };
    expect(() => renderCluster(testClusterContext(), [billing], { layout: workspaceLayout })).toThrow(
      'cluster dev-aws-us-east-1, area billing: "billing" is not a declared area; declare it in apps/billing/src/area.ts (npm run new:area -- billing).',
    );
  });

  it('refuses a RenderArea whose facts differ from its declaration', () => {
    const drifted: RenderArea = { ...area('core-services', () => undefined), syncWave: -1 };
    expect(() => renderCluster(testClusterContext(), [drifted], { layout: workspaceLayout })).toThrow(
      "cluster dev-aws-us-east-1, area core-services: the RenderArea's facts differ from its declaration in apps/core-services/src/area.ts; build the RenderArea from that declaration ({ ...declaration, render }).",
    );
  });

  it('refuses an area declared without a sync wave instead of giving it a default', () => {
    const unplaced = {
      name: 'loyalty',
      namespace: 'go-coffee-loyalty',
      render: () => undefined,
    } as unknown as RenderArea;
    expect(() => renderCluster(testClusterContext(), [unplaced])).toThrow(
      'cluster dev-aws-us-east-1: area "loyalty" (apps/loyalty/src/area.ts): syncWave is missing; declare an integer wave (-3 platform, -2 operators, 0 workloads).',
    );
  });

  it('renders byte-identical output twice', () => {
    const areas = [area('core-services', (chart) => configMap(chart, 'a', { data: { z: '1', a: '2' } }))];
    expect(renderCluster(testClusterContext(), areas)).toStrictEqual(renderCluster(testClusterContext(), areas));
  });

  it('refuses a Secret with data and names the object and the fix', () => {
    const areas = [
      area(
        'core-services',
        (chart) =>
          new ApiObject(chart, 's', {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'jwt', namespace: 'go-coffee' },
            stringData: { k: 'v' },
          }),
      ),
    ];
    expect(() => renderCluster(testClusterContext(), areas)).toThrow(
      'cluster dev-aws-us-east-1, area core-services: v1 Secret go-coffee/jwt carries data; secrets are never rendered into Git. Render an ExternalSecret instead.',
    );
  });

  it('refuses a namespaced object without a namespace', () => {
    const areas = [
      area(
        'core-services',
        (chart) => new ApiObject(chart, 'c', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
      ),
    ];
    expect(() => renderCluster(testClusterContext(), areas)).toThrow(
      /v1 ConfigMap c has no metadata.namespace; set it/,
    );
  });

  it('refuses two objects that would share a file', () => {
    const areas = [
      area('core-services', (chart) => {
        configMap(chart, 'same');
        new ApiObject(chart, 'other', {
          apiVersion: 'example.com/v1',
          kind: 'ConfigMap',
          metadata: { name: 'same', namespace: 'go-coffee' },
        });
      }),
    ];
    expect(() => renderCluster(testClusterContext(), areas)).toThrow(
      /both map to .*configmap-go-coffee-same.yaml; rename one of them/,
    );
  });

  it('reports an area that throws as a RenderError naming cluster and area', () => {
    const areas = [
      area('observability', () => {
        throw new Error('boom');
      }),
    ];
    expect(() => renderCluster(testClusterContext(), areas)).toThrow(RenderError);
    expect(() => renderCluster(testClusterContext(), areas)).toThrow(
      'cluster dev-aws-us-east-1, area observability: render failed: boom',
    );
  });
});
