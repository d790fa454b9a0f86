import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { KUBE_YAML_SCHEMA } from './kube-yaml-schema';

const read = (text: string) => load(text, { schema: KUBE_YAML_SCHEMA });

describe('YAML as kubectl and Argo CD read it (sigs.k8s.io/yaml, YAML 1.1 scalars)', () => {
  it('reads unquoted yes/no/on/off/y/n in every case form as booleans, quoted ones as strings', () => {
    expect(read('a: yes\nb: No\nc: ON\nd: off\ne: y\nf: N\ng: true\nh: "yes"\ni: \'on\'')).toStrictEqual({
      a: true,
      b: false,
      c: true,
      d: false,
      e: true,
      f: false,
      g: true,
      h: 'yes',
      i: 'on',
    });
  });

  it('reads a leading-zero integer as octal, like a file mode', () => {
    expect(read('defaultMode: 0644\nb: 0o755\nc: 0x1F\nd: 0b101\ne: 1_000\nf: 0\ng: -010\nh: 08')).toStrictEqual({
      defaultMode: 420,
      b: 493,
      c: 31,
      d: 5,
      e: 1000,
      f: 0,
      g: -8,
      h: 8,
    });
  });

  it('keeps dates, versions and other text as strings', () => {
    expect(read('a: 2024-01-01\nb: 1.10\nc: v1\nd: yesterday\ne: "0644"\nf: _1000\ng: yesss\nh: Off1')).toStrictEqual({
      a: '2024-01-01',
      b: 1.1,
      c: 'v1',
      d: 'yesterday',
      e: '0644',
      // go-yaml v2 only tries a number when the scalar starts with a digit, `+`, `-` or `.`.
      f: '_1000',
      g: 'yesss',
      h: 'Off1',
    });
  });
});
