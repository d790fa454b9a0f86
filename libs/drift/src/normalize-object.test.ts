/* eslint-disable @typescript-eslint/no-explicit-any -- tests mutate deeply nested manifest fixtures */
import { describe, expect, it } from 'vitest';
import { normalizeObject } from './normalize-object';

const deployment = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'go-coffee' },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: { metadata: { labels: { app: 'api' } }, spec: { containers: [container] } },
    ...extra,
  },
});

describe('normalizeObject', () => {
  it('drops the server metadata of a live object and keeps the other metadata keys in their order', () => {
    // Key order is what the loader's JSON text of a normalized manifest is made of.
    const live = normalizeObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        uid: 'u',
        name: 'x',
        resourceVersion: '9',
        namespace: 'ns',
        generation: 2,
        labels: { app: 'x' },
        managedFields: [{ manager: 'm' }],
        ownerReferences: [{ kind: 'Thing' }],
        annotations: { keep: 'me' },
      },
      data: { a: 'b' },
    });
    expect(JSON.stringify(live.metadata)).toBe(
      '{"name":"x","namespace":"ns","labels":{"app":"x"},"annotations":{"keep":"me"}}',
    );
  });

  it('keeps an own __proto__ key of metadata as a key (JSON text may spell one)', () => {
    const parsed = JSON.parse(
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","uid":"u","__proto__":{"a":"b"}},"data":{"a":"b"}}',
    );
    const out = normalizeObject(parsed, { inPlace: true });
    expect(Object.keys(out.metadata as object)).toStrictEqual(['name', '__proto__']);
    expect(Object.getPrototypeOf(out.metadata)).toBe(Object.prototype);
  });

  it('drops server-owned metadata and status', () => {
    const live = normalizeObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'x',
        namespace: 'ns',
        uid: 'u',
        resourceVersion: '9',
        creationTimestamp: '2024-01-01T00:00:00Z',
        managedFields: [{ manager: 'm' }],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' },
      },
      data: { a: 'b' },
      status: { anything: true },
    });
    expect(live).toStrictEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'ns', annotations: { keep: 'me' } },
      data: { a: 'b' },
    });
  });

  it('fills pod template defaults so a terse manifest equals what the server stores', () => {
    const git = normalizeObject(deployment({ name: 'api', image: 'img:1.0', ports: [{ containerPort: 8080 }] }));
    const spec = (git.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect(spec.dnsPolicy).toBe('ClusterFirst');
    expect(spec.restartPolicy).toBe('Always');
    expect((spec.containers as Record<string, unknown>[])[0]).toStrictEqual({
      name: 'api',
      image: 'img:1.0',
      imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
    expect((git.spec as Record<string, unknown>).strategy).toStrictEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
  });

  it('uses imagePullPolicy Always for untagged and latest images', () => {
    const git = normalizeObject(deployment({ name: 'api', image: 'registry:5000/img' }));
    const c = (git.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec
      .containers[0]!;
    expect(c.imagePullPolicy).toBe('Always');
  });

  it('canonicalizes quantities in resources and leaves int-or-string values as written (a digit string is an error)', () => {
    const git = normalizeObject(
      deployment(
        {
          name: 'api',
          image: 'i:1',
          resources: { requests: { cpu: '0.1', memory: '1024Mi' }, limits: { cpu: 1, memory: '1000M' } },
        },
        {
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
        },
      ),
    );
    const spec = git.spec as Record<string, any>;
    expect(spec.template.spec.containers[0].resources).toStrictEqual({
      requests: { cpu: '100m', memory: '1Gi' },
      limits: { cpu: '1', memory: '1G' },
    });
    expect(spec.strategy.rollingUpdate).toStrictEqual({ maxUnavailable: 1, maxSurge: '25%' });
  });

  it('treats empty values as absent but keeps empty ConfigMap values', () => {
    const cm = normalizeObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', labels: {}, annotations: null },
      data: { EMPTY: '' },
    });
    expect(cm).toStrictEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { EMPTY: '' } });
  });

  it('folds Secret stringData into data the way the API server does', () => {
    const git = normalizeObject({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { user: 'coffee' },
      data: { user: 'b2xk', key: 'a2V5' },
    });
    expect(git).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      type: 'Opaque',
      data: { user: Buffer.from('coffee').toString('base64'), key: 'a2V5' },
    });
  });

  it('defaults Service ports and leaves the input untouched', () => {
    const input = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } };
    const git = normalizeObject(input);
    expect((git.spec as Record<string, unknown>).ports).toStrictEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(input.spec.ports).toStrictEqual([{ port: 80 }]);
  });
});

describe('normalizeObject zero values', () => {
  it('treats omitempty zero values as absent but keeps pointer booleans', () => {
    const git = normalizeObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        minReadySeconds: 0,
        template: {
          spec: { hostNetwork: false, automountServiceAccountToken: false, containers: [{ name: 'c', image: 'i:1' }] },
        },
      },
    });
    const spec = git.spec as { minReadySeconds?: number; template: { spec: Record<string, unknown> } };
    expect(spec.minReadySeconds).toBeUndefined();
    expect(spec.template.spec.hostNetwork).toBeUndefined();
    expect(spec.template.spec.automountServiceAccountToken).toBe(false);
  });
});

describe('normalizeObject with the recorded OpenAPI semantics', () => {
  const policy = (peer: Record<string, unknown>) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'db', namespace: 'n' },
    spec: { podSelector: {}, ingress: [{ from: [peer] }] },
  });

  it('keeps an empty label selector: namespaceSelector {} selects every namespace, absent only this one', () => {
    const narrow = normalizeObject(policy({ podSelector: { matchLabels: { app: 'web' } } }));
    const wide = normalizeObject(policy({ podSelector: { matchLabels: { app: 'web' } }, namespaceSelector: {} }));
    expect((wide.spec as any).ingress[0].from[0]).toStrictEqual({
      podSelector: { matchLabels: { app: 'web' } },
      namespaceSelector: {},
    });
    expect(narrow).not.toStrictEqual(wide);
    // The policy's own podSelector {} (every pod of the namespace) stays too.
    expect((wide.spec as any).podSelector).toStrictEqual({});
  });

  it('still treats other empty objects and lists as absent', () => {
    const a = normalizeObject(deployment({ name: 'api', image: 'i:1', resources: {}, env: [] }));
    const b = normalizeObject(deployment({ name: 'api', image: 'i:1' }));
    expect(a).toStrictEqual(b);
  });

  it('keeps "" list items as the empty string (the core API group), not {}', () => {
    const role = normalizeObject({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r', namespace: 'n' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
    });
    expect((role as any).rules[0].apiGroups).toStrictEqual(['']);
  });

  it('drops the status the API server adds to an embedded volumeClaimTemplate', () => {
    const sts = normalizeObject({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'n' },
      spec: { volumeClaimTemplates: [{ metadata: { name: 'data' }, status: { phase: 'Pending' } }] },
    });
    expect((sts.spec as any).volumeClaimTemplates[0].status).toBeUndefined();
  });
});
