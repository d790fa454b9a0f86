import { describe, expect, it } from 'vitest';
import { autoscaledWorkloads } from './autoscaled-workloads';
import { IgnoreEntryIndex, argoIgnoreDifferences, expandIgnoreRules } from './expand-ignore-rules';
import type { IgnoreRule } from './ignore-rules-file';

const deployment = (namespace: string, name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { namespace, name },
});
const hpa = (namespace: string, name: string, target: Record<string, unknown>) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { namespace, name },
  spec: { scaleTargetRef: target },
});
const scaledObject = (namespace: string, name: string, target: Record<string, unknown>) => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { namespace, name },
  spec: { scaleTargetRef: target },
});
const replicasRule: IgnoreRule = {
  id: 'hpa-replicas',
  reason: 'HPA',
  group: 'apps',
  kind: 'Deployment',
  appliesTo: 'autoscaled-workloads',
  jsonPointers: ['/spec/replicas'],
  managedFieldsManagers: [],
};

describe('autoscaled workloads', () => {
  it('are the targets of HPAs and KEDA ScaledObjects in their own namespace', () => {
    const objects = [
      hpa('a', 'web', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }),
      hpa('a', 'db', { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }),
      // KEDA defaults the target to an apps/v1 Deployment.
      scaledObject('b', 'worker', { name: 'worker' }),
      scaledObject('b', 'rollout', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'canary' }),
    ];
    expect([...autoscaledWorkloads(objects)].sort()).toStrictEqual([
      'apps/Deployment/a/web',
      'apps/Deployment/b/worker',
      'apps/StatefulSet/a/db',
      'argoproj.io/Rollout/b/canary',
    ]);
  });

  it('leave out autoscalers without a usable scaleTargetRef (the difference stays visible)', () => {
    const objects = [
      hpa('a', 'no-name', { apiVersion: 'apps/v1', kind: 'Deployment' }),
      hpa('a', 'no-kind', { name: 'web' }),
      { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { namespace: 'a', name: 'x' } },
    ];
    expect([...autoscaledWorkloads(objects)]).toStrictEqual([]);
  });
});

describe('expandIgnoreRules', () => {
  const cluster = [
    deployment('go-coffee', 'kitchen'),
    deployment('go-coffee', 'api'),
    hpa('go-coffee', 'api', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }),
    deployment('functions', 'orders'),
    scaledObject('functions', 'orders', { name: 'orders' }),
    // Same name in another namespace: the HPA in go-coffee does not reach it.
    deployment('other', 'api'),
  ];

  it('names only the autoscaled Deployments, sorted by object', () => {
    expect(expandIgnoreRules([replicasRule], cluster)).toStrictEqual([
      {
        group: 'apps',
        kind: 'Deployment',
        namespace: 'functions',
        name: 'orders',
        rule: 'hpa-replicas',
        jsonPointers: ['/spec/replicas'],
        managedFieldsManagers: [],
      },
      {
        group: 'apps',
        kind: 'Deployment',
        namespace: 'go-coffee',
        name: 'api',
        rule: 'hpa-replicas',
        jsonPointers: ['/spec/replicas'],
        managedFieldsManagers: [],
      },
    ]);
  });

  it('names every object of the kind for appliesTo all, cluster-scoped ones without a namespace', () => {
    const rule: IgnoreRule = {
      id: 'webhook-ca',
      reason: 'cert-manager injects the CA bundle',
      group: 'admissionregistration.k8s.io',
      kind: 'ValidatingWebhookConfiguration',
      appliesTo: 'all',
      jsonPointers: ['/webhooks/0/clientConfig/caBundle'],
      managedFieldsManagers: ['cert-manager-cainjector'],
    };
    const webhook = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'hook' },
    };
    const entries = expandIgnoreRules([rule], [webhook, webhook, ...cluster]);
    expect(argoIgnoreDifferences(entries)).toStrictEqual([
      {
        group: 'admissionregistration.k8s.io',
        kind: 'ValidatingWebhookConfiguration',
        name: 'hook',
        jsonPointers: ['/webhooks/0/clientConfig/caBundle'],
        managedFieldsManagers: ['cert-manager-cainjector'],
      },
    ]);
  });

  it('renders Argo CD entries scoped by name and namespace, deterministically whatever the input order', () => {
    const forward = argoIgnoreDifferences(expandIgnoreRules([replicasRule], cluster));
    const backward = argoIgnoreDifferences(expandIgnoreRules([replicasRule], [...cluster].reverse()));
    expect(forward).toStrictEqual(backward);
    expect(forward).toStrictEqual([
      { group: 'apps', kind: 'Deployment', name: 'orders', namespace: 'functions', jsonPointers: ['/spec/replicas'] },
      { group: 'apps', kind: 'Deployment', name: 'api', namespace: 'go-coffee', jsonPointers: ['/spec/replicas'] },
    ]);
  });
});

describe('IgnoreEntryIndex', () => {
  const index = new IgnoreEntryIndex(
    expandIgnoreRules(
      [
        replicasRule,
        {
          ...replicasRule,
          id: 'controller-annotations',
          appliesTo: 'all',
          jsonPointers: [],
          managedFieldsManagers: ['kube-controller-manager'],
        },
      ],
      [
        deployment('n', 'api'),
        deployment('n', 'web'),
        hpa('n', 'api', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }),
      ],
    ),
  );
  const api = { group: 'apps', kind: 'Deployment', namespace: 'n', name: 'api' };
  const web = { ...api, name: 'web' };

  it('hides a difference at or below a pointer of the object, naming the rule', () => {
    expect(index.match(api, { pointer: '/spec/replicas' })?.rule).toBe('hpa-replicas');
    expect(index.match(api, { pointer: '/spec/replicas/x' })?.rule).toBe('hpa-replicas');
    expect(index.match(api, { pointer: '/spec/replicasX' })).toBeUndefined();
  });

  it('does not hide the replicas of a Deployment no autoscaler targets', () => {
    expect(index.match(web, { pointer: '/spec/replicas', manager: 'kubectl' })).toBeUndefined();
  });

  it('hides a difference last written by a listed manager', () => {
    expect(index.match(web, { pointer: '/metadata/annotations/x', manager: 'kube-controller-manager' })?.rule).toBe(
      'controller-annotations',
    );
    expect(index.match(web, { pointer: '/metadata/annotations/x' })).toBeUndefined();
  });
});
