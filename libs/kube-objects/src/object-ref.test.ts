import { describe, expect, it } from 'vitest';
import { compareRefs, describeRef, groupOf, refKey, refOf, versionOf } from './object-ref';

describe('object refs', () => {
  it('split apiVersion into group and version, the core group being empty', () => {
    expect([groupOf('apps/v1'), versionOf('apps/v1'), groupOf('v1'), versionOf('v1')]).toStrictEqual([
      'apps',
      'v1',
      '',
      'v1',
    ]);
  });

  it('describe namespaced and cluster-scoped objects without the version', () => {
    const deployment = refOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'n', name: 'a' } });
    expect(describeRef(deployment)).toBe('apps/Deployment n/a');
    expect(describeRef(refOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }))).toBe('Namespace n');
    expect(refKey(deployment)).toBe('apps/Deployment/n/a');
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
