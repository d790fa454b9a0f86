// FieldOwnership reads managedFields lazily; what it reports must not depend on when it is first asked.
import { describe, expect, it } from 'vitest';
import { FieldOwnership, type ManagedFieldsEntry } from './field-ownership';

const entries: ManagedFieldsEntry[] = [
  { manager: 'no-fields', operation: 'Update', fieldsType: 'FieldsV1' },
  {
    manager: 'kubectl-edit',
    operation: 'Update',
    time: '2024-01-02T00:00:00Z',
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:data': { 'f:a': {} } },
  },
  { operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } },
  {
    manager: 'hpa',
    operation: 'Update',
    subresource: 'scale',
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:spec': { 'f:replicas': {} } },
  },
];

describe('FieldOwnership', () => {
  it('knows ownership only from entries with a manager and FieldsV1', () => {
    expect(new FieldOwnership([]).known).toBe(false);
    expect(new FieldOwnership([entries[0]!, entries[2]!]).known).toBe(false);
    const ownership = new FieldOwnership(entries);
    expect(ownership.known).toBe(true);
    expect(ownership.writers).toStrictEqual([
      { manager: 'kubectl-edit', operation: 'Update', time: '2024-01-02T00:00:00Z' },
      { manager: 'hpa', operation: 'Update', time: '', subresource: 'scale' },
    ]);
  });

  it('answers the same whether writers or the ownership tree is read first', () => {
    const treeFirst = new FieldOwnership(entries);
    const owner = treeFirst.lastWriterOf([{ field: 'data' }, { field: 'a' }]);
    const writersFirst = new FieldOwnership(entries);
    void writersFirst.writers;
    expect(writersFirst.lastWriterOf([{ field: 'data' }, { field: 'a' }])).toStrictEqual(owner);
    expect(owner?.manager).toBe('kubectl-edit');
    expect(treeFirst.isOwned([{ field: 'spec' }, { field: 'replicas' }])).toBe(true);
    expect(treeFirst.isOwned([{ field: 'spec' }, { field: 'paused' }])).toBe(false);
  });
});
