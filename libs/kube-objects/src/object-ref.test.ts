import { describe, expect, it } from 'vitest';
import { compareRefs, describeObject, describeRef, groupOf, refKey, refOf, versionOf } from './object-ref';

describe('object refs', () => {
  it('split apiVersion into group and version, the core group being empty', () => {
    expect([groupOf('apps/v1'), versionOf('apps/v1'), groupOf('v1'), versionOf('v1')]).toStrictEqual([
      'apps',
      'v1',
      '',
      'v1',
    ]);
  });

  it('describe namespaced and cluster-scoped objects with their apiVersion, and key them without it', () => {
    const deployment = refOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'n', name: 'a' } });
    expect(describeRef(deployment)).toBe('apps/v1 Deployment n/a');
    expect(describeObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } })).toBe('v1 Namespace n');
    expect(describeObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'n', name: 'c' } })).toBe(
      'v1 ConfigMap n/c',
    );
    expect(refKey(deployment)).toBe('apps/Deployment/n/a');
    expect(
      refKey(refOf({ apiVersion: 'apps/v1beta2', kind: 'Deployment', metadata: { namespace: 'n', name: 'a' } })),
    ).toBe(refKey(deployment));
  });

  it('describe a ref without a version (from a tracking id) by its group', () => {
    expect(describeRef({ group: 'apps', kind: 'Deployment', namespace: 'n', name: 'a' })).toBe('apps Deployment n/a');
    expect(describeRef({ group: '', kind: 'Namespace', namespace: '', name: 'n' })).toBe('Namespace n');
  });

  it('sort by group, kind, namespace, name', () => {
    const refs = [
      { group: 'apps', kind: 'Deployment', namespace: 'b', name: 'a' },
      { group: '', kind: 'Service', namespace: 'a', name: 'z' },
      { group: 'apps', kind: 'Deployment', namespace: 'a', name: 'b' },
    ];
    expect([...refs].sort(compareRefs).map(refKey)).toStrictEqual([
      '/Service/a/z',
      'apps/Deployment/a/b',
      'apps/Deployment/b/a',
    ]);
  });
});
