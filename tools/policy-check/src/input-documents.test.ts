// The fast YAML reader (js-yaml with the yaml library's YAML 1.1 scalar tags) must read every file exactly
// as the exact reader (the yaml library alone, which the conftest parity test holds to conftest): same
// documents, same values, same lines, same errors. Compared on tricky scalars and layouts, on every
// policy sample and on the committed gitops/ tree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';
import { PolicyCheckError } from './policy-check-error';
import { parseInputText, type YamlReader } from './input-documents';

function read(text: string, reader: YamlReader) {
  try {
    return parseInputText('f.yaml', text, reader);
  } catch (error) {
    if (error instanceof PolicyCheckError) return `${error.reason}: ${error.message}`;
    throw error;
  }
}

const scalars = [
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  'true',
  'True',
  'FALSE',
  '0777',
  '09',
  '0x1F',
  '0b101',
  '1_000',
  '1e3',
  '1.5e3',
  '.inf',
  '-.Inf',
  '.nan',
  '1.10',
  '1.',
  '.5',
  '+.5',
  '1_0.5',
  '0o17',
  '+12',
  '-0',
  '0',
  '12345678901234567890',
  '2024-01-01',
  '2024-01-01T10:00:00Z',
  '12:30:45',
  '3:25',
  '~',
  'null',
  'NULL',
  '',
  '""',
  "'yes'",
  '"0777"',
  '=',
  '-',
  '@x',
  '`x',
  'a b c',
  '"esc \\t \\u00e9 \\x41 \\U0001F600"',
  "'it''s'",
  '1 # comment',
  '"x" # c',
  'http://a/b?c=d',
  '"*"',
  "'&x'",
  '*.example.com',
  '100 * (1 - x)',
  'a & b',
  'a!b',
  'sum(x) != 0',
  '!!str 1',
  '&x 1',
  '*x',
];

const layouts = [
  'a: [1, yes, "x", ~]\nb: {c: on, d: 0x10}\n',
  'a: |\n  line1\n  line2\nb: >\n  folded\n  text\n',
  'a: "multi\n  line"\nb: plain\n  continued\n',
  '- a\n- b\n',
  '- {name: a}\n\n# two\n- name: b\n',
  'a:\n- 1\n- 2\n',
  '"quoted key": 1\n\'single\': 2\n',
  'yes: 1\n1: a\n1.0: b\n0x10: c\n',
  '~: 1\n',
  'null: 1\n',
  '{null: 1}\n',
  '? complex\n: 1\n',
  'a: &x 1\nb: *x\n',
  '<<: {a: 1}\nb: 2\n',
  'base: &base {a: 1}\nderived:\n  <<: *base\n  b: 2\n',
  '%YAML 1.2\n---\na: yes\n',
  '---\na: 1\n',
  '--- \na: 1\n',
  '--- {a: 1}\n',
  '--- # doc\n# comment\n\napiVersion: v1\n',
  'a: 1\n...\n',
  '# only a comment\n',
  '',
  '\n\n',
  'a: 1\n---\nb: 2\n---\n\n---\n# empty\n---\nc: [3]\n',
  'a: 1\n--- \nb: 2\n',
  '\ufeffa: 1\n',
  'a: 1\r\nb: 2\r\n',
  'a: 1\r\n---\r\nb: 2\r\n',
  'just a string\n',
  '42\n',
  '[1, 2]\n',
  'a: [1,2\n',
  'a: 1\na: 2\n',
  'yes: 1\ntrue: 2\n',
  '1: a\n"1": b\n',
  'a: 1\n b: 2\n',
  'a:\tb\n',
  '\ta: 1\n',
  'a: "unterminated\n',
  'a: b: c\n',
  'a: !!binary aGVsbG8=\n',
  'a: !!set {x, y}\n',
  'a: !Ref x\n',
  '- - a\n  - b\n- c\n',
  'x:\n- - - deep\n  - y\n',
  'a:\n  b:\n  - c: 1\n    d: [e, {f: g}]\n',
  'a: [\n  1,\n  2\n]\nb: {\n  c: d }\n',
  'a: b#c\nd: "e: f"\ng: h # i\n',
  'a: "line \\\n  continued"\n',
  "a: 'multi\n  line'\n",
  'a: >-\n  x\n\n  y\nb: |+\n  x\n\nc: |2\n   indented\nd: |-\n  stripped\n',
  'a:\n  - name: x\n    value: |\n      {"k": [1, 2]}\n  - name: y\n',
  'key: - a\n',
  'image: {{ .Values.image }}\n',
  'a: [x, {{ y }}]\n',
  'a: {b: {{c}}}\n',
  '- {{ x }}\n',
  '{{ x }}: 1\n',
  '? {{ x }}\n: 1\n',
  'a:{{x}}\n',
  'name: api-{{ .Release.Name }}\n',
  'summary: Pod {{ $labels.pod }} is down\n',
  'expr: "{{cloud}}"\nb: \'{{ x }}\'\n',
  'text: |\n  {{ range .Alerts }}{{ .Annotations.description }}\n  {{ end }}\n',
  '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "yes", "b": 1e3}}\n',
];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

describe('the fast YAML reader reads like the exact one', () => {
  it.each(scalars)('scalar %j, as a value, a key and a list item', (scalar) => {
    for (const text of [`a: ${scalar}\n`, `${scalar}: a\n`, `a:\n  - ${scalar}\n  - x\n`, `a: [${scalar}, x]\n`]) {
      expect(read(text, 'fast'), text).toStrictEqual(read(text, 'exact'));
    }
  });

  it.each(layouts)('layout %j', (text) => {
    expect(read(text, 'fast')).toStrictEqual(read(text, 'exact'));
  });

  it('reads every policy sample and every committed gitops/ file the same, values and lines', () => {
    const root = workspaceRoot();
    const files = [...yamlFiles(join(root, 'policies')), ...yamlFiles(join(root, 'gitops'))];
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(read(text, 'fast'), file).toStrictEqual(read(text, 'exact'));
    }
  });

  it("still names file and line of malformed YAML, with the exact reader's message", () => {
    expect(read('apiVersion: v1\nkind: ConfigMap\nkind: Secret\n', 'fast')).toBe(
      'malformedYaml: f.yaml:3: malformed YAML: Map keys must be unique; fix: correct the file (rendered files come from `npm run render`)',
    );
  });
});
