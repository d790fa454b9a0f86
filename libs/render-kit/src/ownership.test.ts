import { describe, expect, it } from 'vitest';
import { TRACKING_ID_ANNOTATION, type Manifest } from '@go-coffee/kube-objects';
import { trackingId, withOwnership } from './ownership';
import { AreaLayout } from './application-layout';
import { workspaceLayout as layout } from './test-fixtures/workspace-areas';

const deployment: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api-gateway', namespace: 'go-coffee', labels: { tier: 'edge' } },
};

describe('withOwnership', () => {
  it('adds the ownership labels, the tracking id and the sync wave while keeping existing labels', () => {
    const owned = withOwnership(deployment, { application: 'core-services', clusterPath: 'gitops/dev', layout });
    expect(owned.metadata).toStrictEqual({
      name: 'api-gateway',
      namespace: 'go-coffee',
      labels: {
        tier: 'edge',
        'app.kubernetes.io/name': 'api-gateway',
        'app.kubernetes.io/part-of': 'go-coffee',
        'app.kubernetes.io/managed-by': 'go-coffee-render',
        'go-coffee.io/owner': 'platform-engineering',
      },
      annotations: {
        [TRACKING_ID_ANNOTATION]: 'core-services:apps/Deployment:go-coffee/api-gateway',
        'argocd.argoproj.io/sync-wave': '1',
      },
    });
  });

  it('keeps an app.kubernetes.io/name the area chose because selectors may depend on it', () => {
    const named = {
      ...deployment,
      metadata: { ...deployment.metadata, labels: { 'app.kubernetes.io/name': 'gateway' } },
    };
    expect(
      withOwnership(named, { application: 'x', clusterPath: 'gitops/dev', layout }).metadata.labels?.[
        'app.kubernetes.io/name'
      ],
    ).toBe('gateway');
  });

  it('keeps the owning team an area set', () => {
    const owned = { ...deployment, metadata: { ...deployment.metadata, labels: { 'go-coffee.io/owner': 'payments' } } };
    expect(
      withOwnership(owned, { application: 'x', clusterPath: 'gitops/dev', layout }).metadata.labels?.[
        'go-coffee.io/owner'
      ],
    ).toBe('payments');
  });

  it('does not mutate its input', () => {
    withOwnership(deployment, { application: 'core-services', clusterPath: 'gitops/dev', layout });
    expect(deployment.metadata.annotations).toBeUndefined();
  });

  it('orders child Applications of the app of apps by area: platform, then data, then every workload area in one last wave', () => {
    const child = (name: string): Manifest => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name, namespace: 'argocd' },
      spec: { source: { path: `gitops/dev/${name}` } },
    });
    const wave = (name: string): string | undefined =>
      withOwnership(child(name), { application: 'root', clusterPath: 'gitops/dev', layout }).metadata.annotations?.[
        'argocd.argoproj.io/sync-wave'
      ];
    expect(['platform', 'data-services', 'core-services', 'event-functions'].map(wave)).toStrictEqual([
      '-3',
      '-2',
      '0',
      '0',
    ]);
  });

  it("takes a child Application's wave from its area's declaration", () => {
    const loyalty = new AreaLayout([{ name: 'loyalty', namespace: 'go-coffee-loyalty', syncWave: 2 }]);
    const child: Manifest = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'loyalty', namespace: 'argocd' },
      spec: { source: { path: 'gitops/dev/loyalty' } },
    };
    const owned = withOwnership(child, { application: 'root', clusterPath: 'gitops/dev', layout: loyalty });
    expect(owned.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('2');
  });
});

describe('trackingId', () => {
  it("leaves the group empty for core kinds and uses the Application's destination namespace for cluster-scoped kinds", () => {
    expect(
      trackingId('platform', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'go-coffee' } }, layout),
    ).toBe('platform:/Namespace:argocd/go-coffee');
    expect(
      trackingId(
        'data-services',
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'r' },
        },
        layout,
      ),
    ).toBe('data-services:rbac.authorization.k8s.io/ClusterRole:go-coffee-data/r');
    expect(
      trackingId(
        'core-services',
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'api', namespace: 'go-coffee' },
        },
        layout,
      ),
    ).toBe('core-services:/Service:go-coffee/api');
  });
});
