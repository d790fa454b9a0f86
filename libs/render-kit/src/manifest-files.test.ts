import { describe, expect, it } from 'vitest';
import { manifestFileName, serializeManifest } from './manifest-files';

describe('manifestFileName', () => {
  it('is <kind>-<namespace>-<name>.yaml in lowercase', () => {
    expect(
      manifestFileName({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'Api', namespace: 'go-coffee' },
      }),
    ).toBe('deployment-go-coffee-api.yaml');
  });

  it('has no namespace segment for cluster-scoped objects', () => {
    expect(manifestFileName({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'go-coffee' } })).toBe(
      'namespace-go-coffee.yaml',
    );
  });
});

describe('serializeManifest', () => {
  it('sorts keys, keeps list order and ends with a newline, whatever the input key order', () => {
    const a = serializeManifest({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'x' },
      data: { b: '2', a: '1' },
    });
    const b = serializeManifest({
      metadata: { name: 'x' },
      data: { a: '1', b: '2' },
      apiVersion: 'v1',
      kind: 'ConfigMap',
    });
    expect(a).toBe(b);
    expect(a).toBe('apiVersion: v1\ndata:\n  a: "1"\n  b: "2"\nkind: ConfigMap\nmetadata:\n  name: x\n');
  });
});
