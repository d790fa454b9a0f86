import { describe, expect, it } from 'vitest';
import { formatTrackingId, ownTrackingId, parseTrackingId, trackingIdNames } from './tracking-id';

const annotated = (apiVersion: string, kind: string, metadata: Record<string, unknown>, id: string) => ({
  apiVersion,
  kind,
  metadata: { ...metadata, annotations: { 'argocd.argoproj.io/tracking-id': id } },
});

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
    expect(parseTrackingId('platform:/Namespace:argocd/argocd')?.namespace).toBe('argocd');
  });

  it('rejects values that are not tracking ids', () => {
    for (const value of ['garbage', 'app:/Service/x', 'app:/Service:a/b/c', ':/Service:a/b', 42, undefined]) {
      expect(parseTrackingId(value)).toBeUndefined();
    }
  });

  it('formats namespaced ids with the object namespace and cluster-scoped ids with the destination namespace', () => {
    const role = { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', namespace: '', name: 'reader' };
    expect(formatTrackingId('platform', role, { clusterScoped: true, destinationNamespace: 'argocd' })).toBe(
      'platform:rbac.authorization.k8s.io/ClusterRole:argocd/reader',
    );
    expect(formatTrackingId('platform', role, { clusterScoped: true })).toBe(
      'platform:rbac.authorization.k8s.io/ClusterRole:/reader',
    );
    const service = { group: '', kind: 'Service', namespace: 'go-coffee', name: 'api' };
    expect(formatTrackingId('core', service, { destinationNamespace: 'ignored' })).toBe('core:/Service:go-coffee/api');
    expect(parseTrackingId(formatTrackingId('core', service))).toStrictEqual({ application: 'core', ...service });
  });

  it('treats both forms of a cluster-scoped id as naming the object', () => {
    const ns = { group: '', kind: 'Namespace', namespace: '', name: 'argocd' };
    expect(trackingIdNames(parseTrackingId('platform:/Namespace:argocd/argocd')!, ns)).toBe(true);
    expect(trackingIdNames(parseTrackingId('platform:/Namespace:/argocd')!, ns)).toBe(true);
    expect(
      ownTrackingId(annotated('v1', 'Namespace', { name: 'argocd' }, 'platform:/Namespace:argocd/argocd'))?.application,
    ).toBe('platform');
  });

  it('does not treat an annotation copied onto another object as ours', () => {
    const id = 'core:/ConfigMap:go-coffee/api';
    expect(ownTrackingId(annotated('v1', 'ConfigMap', { name: 'api', namespace: 'go-coffee' }, id))?.application).toBe(
      'core',
    );
    expect(ownTrackingId(annotated('v1', 'ConfigMap', { name: 'copy', namespace: 'go-coffee' }, id))).toBeUndefined();
    expect(ownTrackingId(annotated('v1', 'ConfigMap', { name: 'api', namespace: 'other' }, id))).toBeUndefined();
    expect(ownTrackingId(annotated('v1', 'Secret', { name: 'api', namespace: 'go-coffee' }, id))).toBeUndefined();
  });

  it('checks metadata-only list items against the ref of the kind that was listed', () => {
    const item = annotated('meta.k8s.io/v1', 'PartialObjectMetadata', { name: 'p', namespace: 'n' }, 'a:/Pod:n/p');
    expect(ownTrackingId(item)).toBeUndefined();
    expect(ownTrackingId(item, { group: '', kind: 'Pod', namespace: 'n', name: 'p' })?.application).toBe('a');
  });
});
