/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized manifests are untyped JSON; the assertions give them shape */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/cli';
import { testClusterContext } from '@go-coffee/environments/test-support';
import type { ClusterContext } from '@go-coffee/environments';
import { AreaLayout, loadAreaLayout } from '@go-coffee/render-kit';
import { platformArea } from './index';

// The workspace's real area declarations, loaded by path as the engine does (apps never import each other).
const workspaceLayout = await loadAreaLayout(workspaceRoot());

type Obj = {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; finalizers?: string[] };
  spec?: any;
  rules?: any[];
};

/** The platform area's objects and its app-of-apps Applications (the engine writes those to applications/). */
function render(ctx: ClusterContext, layout: AreaLayout = workspaceLayout): Obj[] {
  const chart = Testing.chart();
  platformArea.render(chart, ctx, layout);
  platformArea.renderApplications?.(chart, ctx, layout);
  return Testing.synth(chart) as Obj[];
}
const find = (objects: Obj[], kind: string, name: string): Obj | undefined =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('platform area', () => {
  it('enforces the restricted Pod Security level on workload namespaces, pinned to the cluster version', () => {
    const ns = find(render(testClusterContext()), 'Namespace', 'go-coffee');
    expect(ns?.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.34',
    });
  });

  it('creates every platform namespace once', () => {
    const names = render(testClusterContext())
      .filter((o) => o.kind === 'Namespace')
      .map((o) => o.metadata.name);
    expect(names.sort()).toStrictEqual(['argocd', 'go-coffee', 'go-coffee-data', 'go-coffee-functions', 'monitoring']);
  });

  it('gives an area it has never heard of a restricted namespace under quota and an AppProject of its own', () => {
    const loyalty = { name: 'loyalty', namespace: 'go-coffee-loyalty', syncWave: 0 };
    const objects = render(testClusterContext(), new AreaLayout([...workspaceLayout.areas, loyalty]));
    const inNamespace = (kind: string) =>
      objects
        .filter((o) => o.kind === kind && o.metadata.namespace === 'go-coffee-loyalty')
        .map((o) => o.metadata.name);
    expect(
      find(objects, 'Namespace', 'go-coffee-loyalty')?.metadata.labels?.['pod-security.kubernetes.io/enforce'],
    ).toBe('restricted');
    expect([inNamespace('ResourceQuota'), inNamespace('LimitRange')]).toStrictEqual([
      ['compute'],
      ['container-defaults'],
    ]);
    const project = find(objects, 'AppProject', 'loyalty');
    expect(project?.spec.destinations).toStrictEqual([
      { server: 'https://kubernetes.default.svc', namespace: 'go-coffee-loyalty' },
    ]);
    expect(project?.spec.clusterResourceWhitelist).toStrictEqual([]);
  });

  it('sizes workload quotas for every autoscaler at its maximum plus a rolling update surge', () => {
    const hard = (ctx: ClusterContext, namespace: string) =>
      render(ctx).find((o) => o.kind === 'ResourceQuota' && o.metadata.namespace === namespace)?.spec.hard;
    const large = testClusterContext({
      environment: 'prod',
      sizing: { name: 'large', minReplicas: 3, maxReplicas: 20, resourceScale: 2 },
    });
    // prod go-coffee: 7 services at 20 replicas x 1.25 surge; 900m and 1152Mi per replica set at scale 1, x2.
    expect(hard(large, 'go-coffee')).toStrictEqual({
      'limits.cpu': '225',
      'limits.memory': '125Gi',
      pods: '175',
      'requests.cpu': '45',
      'requests.memory': '57Gi',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
    // Functions: KEDA stops at the 6 partitions; memory is each function's declared size, not scaled.
    expect(hard(large, 'go-coffee-functions')).toMatchObject({
      'requests.cpu': '8',
      'requests.memory': '36Gi',
      pods: '38',
    });
    expect(hard(testClusterContext(), 'go-coffee')).toMatchObject({ 'requests.cpu': '4', 'requests.memory': '5Gi' });
  });

  it("points the root Application at the cluster's applications folder", () => {
    const root = find(render(testClusterContext()), 'Application', 'root');
    expect(root?.spec.source).toStrictEqual({
      repoURL: 'https://github.com/go-coffee/go-coffee-gitops.git',
      targetRevision: 'main',
      path: 'gitops/dev-aws-us-east-1/applications',
    });
  });

  it('renders no child Application itself: the engine builds one per area', () => {
    const chart = Testing.chart();
    platformArea.render(chart, testClusterContext(), workspaceLayout);
    expect((Testing.synth(chart) as Obj[]).filter((o) => o.kind === 'Application')).toStrictEqual([]);
    const names = render(testClusterContext())
      .filter((o) => o.kind === 'Application')
      .map((o) => o.metadata.name);
    expect(names.sort()).toStrictEqual(['argo-cd', 'root']);
  });

  it('syncs Argo CD by hand where the platform does, and the root always automatically', () => {
    const ctx = testClusterContext({ environment: 'prod', sync: { manualApplications: ['platform', 'web3-payment'] } });
    const objects = render(ctx);
    const automated = (name: string): boolean =>
      find(objects, 'Application', name)?.spec.syncPolicy.automated !== undefined;
    expect(['argo-cd', 'root'].map(automated)).toStrictEqual([false, true]);
  });

  it('does not cascade-delete from the root or from Argo CD itself', () => {
    const objects = render(testClusterContext());
    const finalizers = (name: string) => find(objects, 'Application', name)?.metadata.finalizers;
    expect(finalizers('root')).toBeUndefined();
    expect(finalizers('argo-cd')).toBeUndefined();
  });

  it('keeps Argo CD itself in sync from its pinned chart with annotation tracking', () => {
    const argo = find(render(testClusterContext()), 'Application', 'argo-cd');
    expect(argo?.spec.source).toMatchObject({ chart: 'argo-cd', targetRevision: '8.0.0' });
    expect(argo?.spec.source.helm.valuesObject.configs.cm['application.resourceTrackingMethod']).toBe('annotation');
  });

  it('gives the drift tool read-only verbs and no access to Secrets', () => {
    const role = find(render(testClusterContext()), 'ClusterRole', 'go-coffee-drift-reader');
    const verbs = new Set(role?.rules?.flatMap((r: { verbs: string[] }) => r.verbs));
    expect([...verbs].sort()).toStrictEqual(['get', 'list', 'watch']);
    const core = role?.rules?.find((r: { apiGroups: string[] }) => r.apiGroups.includes(''));
    expect(core.resources).not.toContain('secrets');
    expect(core.resources).not.toContain('*');
  });

  it('keeps workload projects out of cluster-scoped kinds and other namespaces', () => {
    const project = find(render(testClusterContext()), 'AppProject', 'core-services');
    expect(project?.spec.clusterResourceWhitelist).toStrictEqual([]);
    expect(project?.spec.destinations).toStrictEqual([
      { server: 'https://kubernetes.default.svc', namespace: 'go-coffee' },
    ]);
  });
});
