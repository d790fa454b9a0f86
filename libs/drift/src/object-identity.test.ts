import { describe, expect, it } from 'vitest';
import { ownTrackingId, parseTrackingId } from './object-identity';

describe('tracking ids', () => {
  it('parses core and grouped kinds', () => {
    expect(parseTrackingId('core:/Service:go-coffee/api')).toStrictEqual({
      application: 'core',
      group: '',
      kind: 'Service',
      namespace: 'go-coffee',
      name: 'api',
    });
    expect(parseTrackingId('platform:rbac.authorization.k8s.io/ClusterRole:/drift-read-only')?.namespace).toBe('');
    expect(parseTrackingId('garbage')).toBeUndefined();
  });

  it('does not treat an annotation copied onto another object as ours', () => {
    const annotation = { 'argocd.argoproj.io/tracking-id': 'core:/ConfigMap:go-coffee/api' };
    expect(
      ownTrackingId({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'api', namespace: 'go-coffee', annotations: annotation },
      })?.application,
    ).toBe('core');
    expect(
      ownTrackingId({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'copy', namespace: 'go-coffee', annotations: annotation },
      }),
    ).toBeUndefined();
    expect(
      ownTrackingId({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'api', namespace: 'go-coffee', annotations: annotation },
      }),
    ).toBeUndefined();
  });
});
