// compareObjects' in-sync fast path (a structural equality walk) against the field-by-field walk.
import { describe, expect, it } from 'vitest';
import { compareObjects } from './compare-objects';
import { FieldOwnership } from './field-ownership';
import type { KubeObject } from '@go-coffee/kube-objects';

const configMap = (data: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x', namespace: 'ns' },
  data,
});

describe('compareObjects', () => {
  it('finds no difference between equal objects whose keys come in another order', () => {
    const live = { ...configMap({ b: '2', a: '1' }), metadata: { namespace: 'ns', name: 'x' } };
    const result = compareObjects(configMap({ a: '1', b: '2' }), live);
    expect(result.differences).toStrictEqual([]);
    expect(result.liveProjected).toBe(live);
  });

  it('tells objects with as many keys but different ones apart', () => {
    const result = compareObjects(configMap({ a: '1', b: '2' }), configMap({ a: '1', c: '2' }));
    expect(result.differences.map((d) => [d.pointer, d.change])).toStrictEqual([['/data/b', 'removed']]);
  });

  it('finds a live-only key someone owns even where every key git sets is equal', () => {
    const ownership = new FieldOwnership([
      { manager: 'kubectl-edit', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:c': {} } } },
    ]);
    const result = compareObjects(configMap({ a: '1' }), configMap({ a: '1', c: '2' }), ownership);
    expect(result.differences.map((d) => [d.pointer, d.change, d.writer?.manager])).toStrictEqual([
      ['/data/c', 'added', 'kubectl-edit'],
    ]);
  });

  it('tells lists apart by length and by item', () => {
    const desired = { ...configMap({}), spec: { list: [1, 2] } } as KubeObject;
    expect(compareObjects(desired, { ...desired, spec: { list: [1, 2, 3] } }).differences).toHaveLength(1);
    expect(compareObjects(desired, { ...desired, spec: { list: [1, 3] } }).differences).toHaveLength(1);
  });
});
