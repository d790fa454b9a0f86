/* eslint-disable @typescript-eslint/no-explicit-any -- tests mutate deeply nested manifest fixtures */
import { describe, expect, it } from 'vitest';
import { detectObjectDrift } from './detect-object-drift';
import { IgnoreEntryIndex, expandIgnoreRules, parseIgnoreRules } from '@go-coffee/ignore-rules';
import type { KubeObject } from '@go-coffee/kube-objects';

const git: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'go-coffee', labels: { app: 'api' } },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: {
        containers: [
          { name: 'api', image: 'api:1.0', env: [{ name: 'A', value: '1' }], resources: { limits: { memory: '1Gi' } } },
        ],
      },
    },
  },
};

const ours = {
  manager: 'argocd-controller',
  operation: 'Apply',
  time: '2026-01-01T00:00:00Z',
  fieldsType: 'FieldsV1',
  fieldsV1: {
    'f:metadata': { 'f:labels': { 'f:app': {} } },
    'f:spec': {
      'f:selector': {},
      'f:template': {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:containers': {
            'k:{"name":"api"}': {
              '.': {},
              'f:name': {},
              'f:image': {},
              'f:env': { 'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
              'f:resources': { 'f:limits': { 'f:memory': {} } },
            },
          },
        },
      },
    },
  },
};

/** What the API server returns after applying `git`: defaults filled in, quantities re-spelled. */
function liveFrom(mutate: (live: any) => void = () => {}, managedFields: unknown[] = [ours]): KubeObject {
  const live = structuredClone(git) as any;
  live.metadata.uid = 'abc';
  live.metadata.resourceVersion = '42';
  live.metadata.managedFields = managedFields;
  live.metadata.annotations = { 'deployment.kubernetes.io/revision': '3' };
  live.spec.replicas = 1;
  live.spec.revisionHistoryLimit = 10;
  live.spec.template.spec.dnsPolicy = 'ClusterFirst';
  live.spec.template.spec.schedulerName = 'default-scheduler';
  live.spec.template.spec.containers[0].resources.limits.memory = '1024Mi';
  live.spec.template.spec.containers[0].terminationMessagePath = '/dev/termination-log';
  live.status = { replicas: 1 };
  mutate(live);
  return live as KubeObject;
}

const noRules = { ignore: new IgnoreEntryIndex([]) };

describe('detectObjectDrift', () => {
  it('finds nothing when live only adds server defaults and status', () => {
    const result = detectObjectDrift(git, liveFrom(), noRules);
    expect(result.differences).toStrictEqual([]);
    expect(result.unifiedDiff).toBe('');
  });

  it('ignores unowned live fields that are not defaults we know about', () => {
    const result = detectObjectDrift(
      git,
      liveFrom((l) => (l.spec.template.spec.someFutureDefault = 'x')),
      noRules,
    );
    expect(result.differences).toStrictEqual([]);
  });

  it('attributes a changed image to the manager that took the field over', () => {
    const kubectlSet = {
      manager: 'kubectl-set',
      operation: 'Update',
      time: '2026-01-02T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"api"}': { 'f:image': {} } } } } },
      },
    };
    const result = detectObjectDrift(
      git,
      liveFrom((l) => (l.spec.template.spec.containers[0].image = 'api:2.0'), [ours, kubectlSet]),
      noRules,
    );
    expect(result.differences).toStrictEqual([
      {
        path: 'spec.template.spec.containers[0].image',
        pointer: '/spec/template/spec/containers/0/image',
        change: 'changed',
        desired: 'api:1.0',
        live: 'api:2.0',
        writer: { manager: 'kubectl-set', operation: 'Update', time: '2026-01-02T00:00:00Z' },
      },
    ]);
    expect(result.unifiedDiff).toContain('-          image: api:1.0');
    expect(result.unifiedDiff).toContain('+          image: api:2.0');
  });

  it('reports an added env var once, as the item the other manager owns', () => {
    const edit = {
      manager: 'kubectl-edit',
      operation: 'Update',
      time: '2026-01-02T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:spec': {
          'f:template': {
            'f:spec': {
              'f:containers': {
                'k:{"name":"api"}': { 'f:env': { 'k:{"name":"B"}': { '.': {}, 'f:name': {}, 'f:value': {} } } },
              },
            },
          },
        },
      },
    };
    const result = detectObjectDrift(
      git,
      liveFrom((l) => l.spec.template.spec.containers[0].env.unshift({ name: 'B', value: '2' }), [ours, edit]),
      noRules,
    );
    expect(result.differences.map((d) => [d.change, d.path, d.writer?.manager, d.live])).toStrictEqual([
      ['added', 'spec.template.spec.containers[0].env[0]', 'kubectl-edit', { name: 'B', value: '2' }],
    ]);
  });

  it('compares only the fields git sets when live carries no managedFields', () => {
    const result = detectObjectDrift(
      git,
      liveFrom((l) => (l.metadata.labels.extra = 'x'), []),
      noRules,
    );
    expect(result.differences).toStrictEqual([]);
  });

  it('hides a difference matched by an ignore rule expanded for this object and names the rule', () => {
    const rules = parseIgnoreRules(
      'rules:\n  - {id: hpa-replicas, reason: HPA, group: apps, kind: Deployment, appliesTo: autoscaled-workloads, jsonPointers: [/spec/replicas]}\n',
      'rules.yaml',
    );
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'api', namespace: 'go-coffee' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } },
    };
    const scaled = liveFrom((l) => (l.spec.replicas = 5));
    const withHpa = detectObjectDrift(git, scaled, {
      ignore: new IgnoreEntryIndex(expandIgnoreRules(rules, [git, hpa])),
    });
    expect(withHpa.differences).toStrictEqual([]);
    expect(withHpa.ignored.map((d) => [d.path, d.rule])).toStrictEqual([['spec.replicas', 'hpa-replicas']]);
    // The same rule does not reach a Deployment no autoscaler targets.
    const withoutHpa = detectObjectDrift(git, scaled, {
      ignore: new IgnoreEntryIndex(expandIgnoreRules(rules, [git])),
    });
    expect(withoutHpa.differences.map((d) => d.path)).toStrictEqual(['spec.replicas']);
    expect(withoutHpa.ignored).toStrictEqual([]);
  });

  it('never shows Secret values, yet shows which key changed', () => {
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'n' },
      stringData: { password: 'hunter2', user: 'barista' },
    };
    const patch = {
      manager: 'kubectl-patch',
      operation: 'Update',
      time: '2026-01-02T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { 'f:password': {} } },
    };
    const live: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 's', namespace: 'n', managedFields: [patch] },
      data: { password: Buffer.from('s3cr3t-new').toString('base64'), user: Buffer.from('barista').toString('base64') },
    };
    const result = detectObjectDrift(secret, live, noRules);
    const text = JSON.stringify(result);
    for (const value of [
      'hunter2',
      's3cr3t-new',
      'barista',
      Buffer.from('hunter2').toString('base64'),
      Buffer.from('s3cr3t-new').toString('base64'),
    ]) {
      expect(text).not.toContain(value);
    }
    expect(result.differences.map((d) => [d.path, d.change, d.writer?.manager])).toStrictEqual([
      ['data.password', 'changed', 'kubectl-patch'],
    ]);
    expect(result.unifiedDiff).toContain("+  password: '<masked: live value differs>'");
  });
});
