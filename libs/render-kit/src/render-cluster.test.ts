import { ApiObject } from 'cdk8s';
import type { Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { testClusterContext } from '@go-coffee/environments';
import type { RenderArea } from './render-area';
import { RenderError, renderCluster } from './render-cluster';

function area(name: string, render: (chart: Chart) => void): RenderArea {
  return { name, render: (chart) => render(chart) };
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
    expect(
      files.map((f) => [f.path, f.manifest.metadata.annotations?.['argocd.argoproj.io/tracking-id']]),
    ).toStrictEqual([
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
