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

  it('quotes every string a YAML 1.1 or 1.2 reader would take for another type, and nothing else', () => {
    const text = serializeManifest({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      data: {
        date: '2025-01-01',
        equals: '=',
        octal11: '0755',
        octal12: '0o17',
        onOff: 'on',
        sexagesimal: '1:30',
        tilde: '~',
        word: 'yes',
        plain: 'coffee',
      },
    });
    expect(text.split('\n').slice(1, 11)).toStrictEqual([
      'data:',
      '  date: "2025-01-01"',
      '  equals: "="',
      '  octal11: "0755"',
      '  octal12: "0o17"',
      '  onOff: "on"',
      '  plain: coffee',
      '  sexagesimal: "1:30"',
      '  tilde: "~"',
      '  word: "yes"',
    ]);
  });
});
