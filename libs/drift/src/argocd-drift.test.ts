// compareThroughArgoCd on the shapes the real Argo CD API (v3.6) sends: proto3 JSON omits `modified`, `hook`,
// the core `group` and a cluster-scoped object's `namespace` when false or empty; cluster-scoped tracking ids
// carry the Application's destination namespace; Argo CD adds its own annotations to Applications.
import { describe, expect, it } from 'vitest';
import { TRACKING_ID_ANNOTATION, type KubeObject } from '@go-coffee/kube-objects';
import type { ArgoApplication, ArgoResourceDiff } from './argocd-client';
import { compareThroughArgoCd } from './argocd-drift';

const application = (name: string): ArgoApplication => ({ metadata: { name, namespace: 'argocd' } });

const namespaceObject: KubeObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: 'go-coffee',
    labels: { 'app.kubernetes.io/part-of': 'go-coffee' },
    annotations: { [TRACKING_ID_ANNOTATION]: 'platform:/Namespace:argocd/go-coffee' },
  },
};
const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'settings',
    namespace: 'go-coffee',
    annotations: { [TRACKING_ID_ANNOTATION]: 'platform:/ConfigMap:go-coffee/settings' },
  },
  data: { a: '1' },
};
const childApplication: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: {
    name: 'core-services',
    namespace: 'argocd',
    annotations: { [TRACKING_ID_ANNOTATION]: 'root:argoproj.io/Application:argocd/core-services' },
  },
  spec: { project: 'default', source: { repoURL: 'git://127.0.0.1/r.git', path: 'x' } },
};

/** A managed-resources item as proto3 JSON writes it: no false, empty or '' fields. */
function proto3Item(object: KubeObject, live: KubeObject): ArgoResourceDiff {
  const metadata = object.metadata as { name: string; namespace?: string };
  const group = String(object.apiVersion).includes('/') ? String(object.apiVersion).split('/')[0] : undefined;
  return {
    ...(group ? { group } : {}),
    kind: String(object.kind),
    ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
    name: metadata.name,
    targetState: JSON.stringify(object),
    liveState: JSON.stringify(live),
    normalizedLiveState: JSON.stringify(live),
    predictedLiveState: JSON.stringify(object),
  };
}

const withLiveMetadata = (object: KubeObject, extra: Record<string, unknown> = {}): KubeObject => {
  const copy = structuredClone(object);
  const metadata = copy.metadata as Record<string, unknown>;
  metadata.uid = 'u';
  metadata.resourceVersion = '3';
  metadata.annotations = { ...(metadata.annotations as object), ...extra };
  return copy;
};

describe('drift through Argo CD on proto3 JSON managed-resources', () => {
  it('treats a cluster-scoped object whose tracking id carries the destination namespace as ours: in sync', () => {
    const findings = compareThroughArgoCd({
      desired: [
        { object: structuredClone(namespaceObject), source: 'platform/namespace-go-coffee.yaml' },
        { object: structuredClone(configMap), source: 'platform/configmap-go-coffee-settings.yaml' },
      ],
      applications: [application('platform')],
      managedResources: new Map([
        [
          'platform',
          [
            proto3Item(namespaceObject, withLiveMetadata(namespaceObject)),
            proto3Item(configMap, withLiveMetadata(configMap)),
          ],
        ],
      ]),
      ignoreRules: [],
    });
    expect(findings).toStrictEqual([]);
  });

  it('reads an absent `modified` as false, so a field hidden by the Application ignoreDifferences is ignored', () => {
    const live = withLiveMetadata(configMap);
    (live as { data: Record<string, string> }).data.a = '2';
    const item = proto3Item(configMap, live);
    // Argo CD's prediction already carries the live value: its ignoreDifferences hides data.a.
    const predicted = { ...item, predictedLiveState: JSON.stringify(live) };
    expect('modified' in predicted).toBe(false);
    const findings = compareThroughArgoCd({
      desired: [{ object: structuredClone(configMap), source: 'platform/configmap-go-coffee-settings.yaml' }],
      applications: [application('platform')],
      managedResources: new Map([['platform', [predicted]]]),
      ignoreRules: [],
    });
    expect(findings.map((f) => [f.category, f.rule, f.differences.map((d) => d.path)])).toStrictEqual([
      ['ignored', 'Application.spec.ignoreDifferences', ['data.a']],
    ]);
    // The same item with `modified: true` is out-of-band drift.
    const drifted = compareThroughArgoCd({
      desired: [{ object: structuredClone(configMap), source: 'platform/configmap-go-coffee-settings.yaml' }],
      applications: [application('platform')],
      managedResources: new Map([['platform', [{ ...predicted, modified: true }]]]),
      ignoreRules: [],
    });
    expect(drifted.map((f) => f.category)).toStrictEqual(['out-of-band']);
  });

  it('never reports the refresh and hydrate annotations or the operation Argo CD writes on an Application', () => {
    const live = withLiveMetadata(childApplication, {
      'argocd.argoproj.io/refresh': 'normal',
      'argocd.argoproj.io/hydrate': 'normal',
      'argocd.argoproj.io/hydrate-timestamp': '2026-12-02T09:00:00Z',
    });
    (live as Record<string, unknown>).operation = { sync: { revision: 'abc' }, initiatedBy: { automated: true } };
    // Argo CD's server owns what it wrote: without normalization these would be out-of-band additions.
    (live.metadata as Record<string, unknown>).managedFields = [
      {
        manager: 'argocd-server',
        operation: 'Update',
        time: '2026-12-02T09:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': {
            'f:annotations': {
              'f:argocd.argoproj.io/refresh': {},
              'f:argocd.argoproj.io/hydrate': {},
              'f:argocd.argoproj.io/hydrate-timestamp': {},
            },
          },
          'f:operation': { '.': {}, 'f:sync': { 'f:revision': {} } },
        },
      },
    ];
    (live as Record<string, unknown>).status = { sync: { status: 'Synced' } };
    const findings = compareThroughArgoCd({
      desired: [{ object: structuredClone(childApplication), source: 'applications/application-core-services.yaml' }],
      applications: [application('root')],
      managedResources: new Map([['root', [{ ...proto3Item(childApplication, live), modified: true }]]]),
      ignoreRules: [],
    });
    expect(findings).toStrictEqual([]);
  });

  it('reports another annotation added to an Application as informational, with its manager', () => {
    const live = withLiveMetadata(childApplication, { 'example.com/paused': 'true' });
    (live.metadata as Record<string, unknown>).managedFields = [
      {
        manager: 'kubectl-annotate',
        operation: 'Update',
        time: '2026-12-02T09:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:annotations': { 'f:example.com/paused': {} } } },
      },
    ];
    const findings = compareThroughArgoCd({
      desired: [{ object: structuredClone(childApplication), source: 'applications/application-core-services.yaml' }],
      applications: [application('root')],
      managedResources: new Map([['root', [{ ...proto3Item(childApplication, live), modified: true }]]]),
      ignoreRules: [],
    });
    expect(findings.map((f) => [f.category, f.differences.map((d) => [d.path, d.writer?.manager])])).toStrictEqual([
      ['informational', [['metadata.annotations["example.com/paused"]', 'kubectl-annotate']]],
    ]);
  });

  it('skips hooks only when `hook` is true and reports a tracked orphan whose item omits `hook`', () => {
    const stray = withLiveMetadata({
      ...configMap,
      metadata: {
        name: 'stray',
        namespace: 'go-coffee',
        annotations: { [TRACKING_ID_ANNOTATION]: 'platform:/ConfigMap:go-coffee/stray' },
      },
    });
    const orphan: ArgoResourceDiff = {
      kind: 'ConfigMap',
      namespace: 'go-coffee',
      name: 'stray',
      liveState: JSON.stringify(stray),
      targetState: 'null',
    };
    const hook: ArgoResourceDiff = { ...orphan, name: 'migrate', hook: true };
    const findings = compareThroughArgoCd({
      desired: [{ object: structuredClone(configMap), source: 'platform/configmap-go-coffee-settings.yaml' }],
      applications: [application('platform')],
      managedResources: new Map([['platform', [proto3Item(configMap, withLiveMetadata(configMap)), orphan, hook]]]),
      ignoreRules: [],
    });
    expect(findings.map((f) => [f.category, f.ref.name, f.ref.group])).toStrictEqual([['orphan', 'stray', '']]);
  });
});
