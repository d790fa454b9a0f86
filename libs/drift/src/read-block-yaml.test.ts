import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CORE_SCHEMA, DEFAULT_SCHEMA, dump, loadAll, type DumpOptions } from 'js-yaml';
import { stringify, type DocumentOptions, type SchemaOptions, type ToStringOptions } from 'yaml';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@go-coffee/kube-objects/test-support';
import { KUBE_YAML_SCHEMA } from './kube-yaml-schema';
import { implicitTypesOf, readBlockYaml } from './read-block-yaml';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');

/** js-yaml's reading, or the error it throws. */
function jsYaml(text: string): { docs: unknown[] } | { error: Error } {
  try {
    return { docs: loadAll(text, undefined, { schema: KUBE_YAML_SCHEMA }) };
  } catch (error) {
    return { error: error as Error };
  }
}

type Verdict = 'fast' | 'fallback' | 'js-yaml rejects';

/** Checks the property on one text; returns a description of the first difference, or the verdict. */
function compare(text: string): { verdict: Verdict; problem?: string } {
  const slow = jsYaml(text);
  const fast = readBlockYaml(text);
  if ('error' in slow) {
    return fast === undefined
      ? { verdict: 'js-yaml rejects' }
      : { verdict: 'fast', problem: `js-yaml throws (${slow.error.message.split('\n')[0]}), fast reader did not` };
  }
  if (fast === undefined) return { verdict: 'fallback' };
  if (JSON.stringify(fast) !== JSON.stringify(slow.docs))
    return { verdict: 'fast', problem: `fast ${JSON.stringify(fast)} != js-yaml ${JSON.stringify(slow.docs)}` };
  // node's strict deep equality (Object.is on leaves: -0 and NaN count); vitest's toStrictEqual misreads an
  // own `constructor` key, which the generator produces.
  if (!isDeepStrictEqual(fast, slow.docs)) return { verdict: 'fast', problem: 'deep-equal differs (-0, NaN)' };
  return { verdict: 'fast' };
}

// --- seeded generator -------------------------------------------------------------------------------------

const NASTY = [
  'yes',
  'Yes',
  'YES',
  'no',
  'on',
  'Off',
  'y',
  'N',
  'true',
  'False',
  '0644',
  '0o17',
  '0x1F',
  '0b101',
  '1_000',
  '+1',
  '-1',
  '-0',
  '1e3',
  '1.5',
  '.5',
  '08',
  '.inf',
  '-.Inf',
  '.NaN',
  '~',
  'null',
  'Null',
  'NULL',
  '',
  '2024-01-01',
  '2024-01-01T10:00:00Z',
  '=',
  '- a',
  '-a',
  '--',
  'a: b',
  'a:b',
  'a:',
  ':a',
  '#x',
  'a #x',
  'a#x',
  ' x',
  'x ',
  '  ',
  '---',
  '...',
  '--- x',
  '? x',
  '?x',
  '[a]',
  '{a: 1}',
  '[]',
  '{}',
  '*a',
  '&a',
  '!x',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  "'q'",
  '"q"',
  "it's",
  'say "hi"',
  'back\\slash',
  '\\n',
  'line\nbreak',
  'two\n\nbreaks',
  'trail\n',
  'lead\nx\n\n',
  ' lead space\nx',
  'é',
  '☕ coffee',
  '𝄞',
  '\u00a0nbsp',
  'a,b',
  'a]b',
  'x'.repeat(120),
  'word '.repeat(30).trim(),
  'http://x:8080/a?b=c#d',
  'ghcr.io/go-coffee/api:1.0.0',
  '100m',
  '0.5Gi',
  'constructor',
  'toString',
  '1',
  '2',
  '10',
  '007',
];
// Texts the reader refuses wherever they occur (so one in a document sends all of it to js-yaml): rare.
const RARE = ['tab\there', '<<', '__proto__', 'nul\0', 'cr\r', 'bell\x07', '\u2028', '\ufeffbom'];
const ALPHABET = [
  'a',
  'b',
  'Z',
  '0',
  '7',
  ' ',
  ':',
  '-',
  '#',
  "'",
  '"',
  '\\',
  '.',
  '_',
  '/',
  '\n',
  'é',
  '☕',
  '{',
  '|',
];

function generator(seed: number) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

  const text = (): string => {
    if (random() < 0.002) return pick(RARE);
    if (random() < 0.6) return pick(NASTY);
    let out = '';
    for (let i = int(12); i >= 0; i--) out += pick(ALPHABET);
    return out;
  };
  const scalar = (): unknown => {
    const r = random();
    if (r < 0.55) return text();
    if (r < 0.7) return pick([0, 1, -1, 42, 8080, 420, 1.5, -0.25, 1e21, 2 ** 53, -0]);
    if (r < 0.78) return pick([true, false]);
    if (r < 0.85) return null;
    if (r < 0.88) return pick([Number.NaN, Number.POSITIVE_INFINITY]);
    return text();
  };
  const value = (depth: number): unknown => {
    const r = random();
    if (depth > 4 || r < 0.45) return scalar();
    if (r < 0.5) return random() < 0.5 ? {} : [];
    if (r < 0.72)
      // Lists of lists (`- - x`, which the reader refuses) are rare in manifests: rare here.
      return Array.from({ length: 1 + int(4) }, () => (random() < 0.005 ? [scalar()] : item(depth + 1)));
    return mapping(depth + 1);
  };
  const item = (depth: number): unknown => (random() < 0.5 ? scalar() : mapping(depth));
  const mapping = (depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = 1 + int(5); i > 0; i--) {
      const key = random() < 0.7 ? pick(['name', 'image', 'ports', 'a', 'b', 'spec', 'x-y', 'k8s.io/x']) : text();
      if (key === '__proto__') continue;
      out[key] = value(depth);
    }
    return out;
  };
  return { random, int, pick, document: () => mapping(0) };
}

const ROUNDS = 250;

const JS_YAML_DUMPS: DumpOptions[] = [
  { sortKeys: true, lineWidth: -1 },
  {},
  { noCompatMode: true, lineWidth: 40 },
  { quotingType: '"', forceQuotes: true },
  { noArrayIndent: true, indent: 4 },
  { flowLevel: 3 },
  { schema: CORE_SCHEMA, noRefs: true },
  { schema: DEFAULT_SCHEMA, condenseFlow: true },
];
const YAML_DUMPS: (DocumentOptions & SchemaOptions & ToStringOptions)[] = [
  {},
  { lineWidth: 0, sortMapEntries: true },
  { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' },
  { defaultStringType: 'QUOTE_SINGLE' },
  { blockQuote: 'literal', indentSeq: false },
  { blockQuote: 'folded', lineWidth: 30, minContentWidth: 10 },
  { version: '1.1' },
  { collectionStyle: 'flow' },
];

type Dumper = { name: string; write: (doc: unknown) => string };
const DUMPERS: Dumper[] = [
  ...JS_YAML_DUMPS.map((options, i) => ({ name: `js-yaml #${i}`, write: (doc: unknown) => dump(doc, options) })),
  ...YAML_DUMPS.map((options, i) => ({ name: `yaml #${i}`, write: (doc: unknown) => stringify(doc, options) })),
];

function mutate(text: string, g: ReturnType<typeof generator>): string {
  let out = text;
  for (let n = 1 + g.int(3); n > 0; n--) {
    const lines = out.split('\n');
    const at = g.int(lines.length);
    const pos = g.int(out.length + 1);
    switch (g.int(9)) {
      case 0:
        out = out.slice(0, pos) + g.pick(ALPHABET) + out.slice(pos);
        break;
      case 1:
        out = out.slice(0, pos) + out.slice(pos + 1);
        break;
      case 2:
        out = out.slice(0, pos) + g.pick(ALPHABET) + out.slice(pos + 1);
        break;
      case 3:
        lines[at] = ' '.repeat(1 + g.int(3)) + lines[at];
        out = lines.join('\n');
        break;
      case 4:
        lines[at] = lines[at]!.replace(/^ {1,2}/, '');
        out = lines.join('\n');
        break;
      case 5:
        lines.splice(at, 0, lines[at]!);
        out = lines.join('\n');
        break;
      case 6:
        lines.splice(at, 1);
        out = lines.join('\n');
        break;
      case 7:
        lines.splice(at, 0, g.pick(['# note', '  # indented note', '', '   ', '---', 'x: 1', '- y']));
        out = lines.join('\n');
        break;
      default:
        lines[at] = lines[at]! + g.pick([' ', ' # c', ':', ' x', '"', "'"]);
        out = lines.join('\n');
    }
  }
  return out;
}

// --- tests ------------------------------------------------------------------------------------------------

describe('the fast block-YAML reader', () => {
  it('reads every committed rendered file exactly as js-yaml does, without falling back', () => {
    const files = execFileSync('git', ['ls-files', 'gitops/**/*.yaml'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    const fallbacks: string[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const { verdict, problem } = compare(readFileSync(join(repoRoot, file), 'utf8'));
      if (problem) problems.push(`${file}: ${problem}`);
      if (verdict !== 'fast') fallbacks.push(`${file}: ${verdict}`);
    }
    expect(problems).toStrictEqual([]);
    // Every file a renderer writes is in the subset: a fallback here would be a gap worth knowing about.
    expect(fallbacks).toStrictEqual([]);
  });

  it('equals js-yaml on thousands of seeded random documents and their mutations, and refuses what js-yaml rejects', () => {
    const g = generator(20261203);
    const problems: string[] = [];
    const verdicts = new Map<string, Record<Verdict, number>>();
    const count = (bucket: string, verdict: Verdict) => {
      const counts = verdicts.get(bucket) ?? { fast: 0, fallback: 0, 'js-yaml rejects': 0 };
      counts[verdict]++;
      verdicts.set(bucket, counts);
    };
    const check = (bucket: string, text: string) => {
      const { verdict, problem } = compare(text);
      count(bucket, verdict);
      if (problem && problems.length < 5) problems.push(`${bucket}: ${problem}\n--- text:\n${text}`);
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const dumper of DUMPERS) {
        const docs = Array.from({ length: 1 + g.int(3) }, () => g.document());
        const texts = docs.map((doc) => dumper.write(doc));
        const text =
          (g.random() < 0.3 ? '---\n' : g.random() < 0.2 ? '# rendered\n' : '') +
          texts.join(g.random() < 0.5 ? '---\n' : '\n---\n# next\n');
        check(dumper.name, text);
        check(`${dumper.name} mutated`, mutate(text, g));
        check(`${dumper.name} mutated`, mutate(texts[0]!, g));
      }
    }
    expect(problems).toStrictEqual([]);
    // The fast path must carry the property: most unmutated block-style documents take it (flow style and
    // multi-line quoted strings are refused by design), and mutated texts reach it too.
    const share = (bucket: string) => verdicts.get(bucket)!.fast / ROUNDS;
    const mostlyFast = ['js-yaml #0', 'js-yaml #1', 'js-yaml #4', 'js-yaml #6', 'yaml #1', 'yaml #6'];
    expect(mostlyFast.filter((bucket) => share(bucket) < 0.55)).toStrictEqual([]);
    const total = (mutated: boolean, verdict: Verdict) =>
      [...verdicts]
        .filter(([bucket]) => bucket.endsWith('mutated') === mutated)
        .reduce((sum, [, counts]) => sum + counts[verdict], 0);
    expect(total(false, 'fast')).toBeGreaterThan(2000);
    expect(total(true, 'fast')).toBeGreaterThan(1500);
    expect(total(true, 'js-yaml rejects')).toBeGreaterThan(4000);
  });
});

describe('the shapes the fast reader takes', () => {
  it.each([
    [
      'mappings, sequences, a sequence at its key’s indentation and compact mappings',
      'a:\n  b: 1\nc:\n- x\n- k: v\n  l:\n  - 2\n',
      [{ a: { b: 1 }, c: ['x', { k: 'v', l: [2] }] }],
    ],
    [
      'YAML 1.1 plain scalars, as the schema resolves them',
      'a: yes\nb: 0644\nc: 1_000\nd: ~\ne: 2024-01-01\nf: -1\ng: 1e3\n',
      [{ a: true, b: 420, c: 1000, d: null, e: '2024-01-01', f: -1, g: 1000 }],
    ],
    [
      'plain keys resolved then stringified, quoted keys kept',
      'yes: 1\n0x1F: 2\n\'on\': 3\n"1.0": 4\n',
      [{ true: 1, 31: 2, on: 3, '1.0': 4 }],
    ],
    [
      'quoted scalars with escapes',
      `a: 'it''s'\nb: "t\\"\\\\\\n\\x41\\u263A\\U0001D11E"\nc: ""\n`,
      [{ a: "it's", b: 't"\\\nA☺𝄞', c: '' }],
    ],
    ['empty flow collections and empty values', 'a: {}\nb: []\nc:\nd: -x\n', [{ a: {}, b: [], c: null, d: '-x' }]],
    [
      'literal block scalars with each chomping',
      'a: |\n  x\n\n  y\n\nb: |-\n  x\nc: |+\n  x\n\nd: |2\n   lead\n',
      [{ a: 'x\n\ny\n', b: 'x', c: 'x\n\n', d: ' lead\n' }],
    ],
    ['folded block scalars', 'a: >-\n  one\n  two\n\n  three\n    more\n', [{ a: 'one two\nthree\n  more' }]],
    [
      'documents separated by ---, comments and blank lines skipped',
      '# head\n---\na: 1\n\n  # note\nb: 2\n---\n---\nc: 3\n',
      [{ a: 1, b: 2 }, null, { c: 3 }],
    ],
  ])('%s', (_, text, expected) => {
    expect(readBlockYaml(text)).toStrictEqual(expected);
    expect(loadAll(text, undefined, { schema: KUBE_YAML_SCHEMA })).toStrictEqual(expected);
  });
});

describe('the shapes the fast reader leaves to js-yaml', () => {
  // Each is valid YAML js-yaml reads; the reader refuses it rather than risk a different reading.
  it.each([
    ['a tab', 'a:\tb\n'],
    ['a carriage return', 'a: b\r\n'],
    ['a byte-order mark', '\ufeffa: b\n'],
    ['a document end marker', 'a: b\n...\n'],
    ['a directive', '%YAML 1.1\n---\na: b\n'],
    ['content after ---', '--- a: b\n'],
    ['a multi-line plain scalar', 'a: b\n  c\n'],
    ['a comment after a value', 'a: b # c\n'],
    ['a comment after a key', 'a: # c\n  b: 1\n'],
    ['a comment that cuts a key short', 'a #b: c\n'],
    ['a plain scalar ending with a space', 'a: b \n'],
    ['an indicator first', 'a: &x b\nc: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a flow mapping', 'a: {b: 1}\n'],
    ['a flow sequence', 'a: [1, 2]\n'],
    ['a multi-line double-quoted scalar', 'a: "b\n  c"\n'],
    ['a multi-line single-quoted scalar', "a: 'b\n  c'\n"],
    ['a line continuation in a double-quoted scalar', 'a: "b\\\n  c"\n'],
    ['a nested compact sequence', 'a:\n- - x\n'],
    ['a bare - followed by a less indented entry (js-yaml keeps it in the same list)', 'a:\n  - b\n  -\n- c\n'],
    ['an explicit key', '? a\n: b\n'],
    ['a merge key', 'a: 1\n<<: {}\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['a block scalar header with a comment', 'a: | # c\n  x\n'],
    ['a scalar document', 'just text\n'],
    ['an indented root', '  a: 1\n'],
    ['only a comment', '# nothing\n'],
  ])('%s', (_, text) => {
    expect(() => loadAll(text, undefined, { schema: KUBE_YAML_SCHEMA })).not.toThrow();
    expect(readBlockYaml(text)).toBeUndefined();
  });

  // Nested `n` collections deep: mappings only, and mappings in same-indent sequences (`k:\n- k:`, compact).
  const nested = (n: number, withSequences: boolean): unknown => {
    let value: unknown = 'v';
    for (let level = n; level >= 1; level--) value = withSequences && level % 2 === 0 ? [value] : { k: value };
    return value;
  };
  it.each([
    ['mappings', false],
    ['mappings in same-indent sequences', true],
  ])('reads %s nested 40 deep, and leaves one level more to js-yaml', (_, withSequences) => {
    const text = (n: number) => dump(nested(n, withSequences as boolean), { noArrayIndent: true });
    expect(readBlockYaml(text(40))).toStrictEqual([nested(40, withSequences as boolean)]);
    expect(() => loadAll(text(41), undefined, { schema: KUBE_YAML_SCHEMA })).not.toThrow();
    expect(readBlockYaml(text(41))).toBeUndefined();
  });

  it.each([
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a value ending with a colon', 'a: b:\n'],
    ['a mapping in a value', 'a: b: c\n'],
    ['keys equal once resolved', 'yes: 1\ntrue: 2\n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['an unknown escape', 'a: "\\q"\n'],
    ['an unterminated quote', 'a: "b\n'],
  ])('refuses %s, which js-yaml rejects (its error is the one reported)', (_, text) => {
    expect(() => loadAll(text, undefined, { schema: KUBE_YAML_SCHEMA })).toThrow();
    expect(readBlockYaml(text)).toBeUndefined();
  });
});

describe('the schema shape the reader relies on', () => {
  it('takes KUBE_YAML_SCHEMA’s implicit types in js-yaml’s order', () => {
    expect(implicitTypesOf(KUBE_YAML_SCHEMA).map((type) => type.tag)).toStrictEqual([
      'tag:yaml.org,2002:null',
      'tag:yaml.org,2002:bool',
      'tag:yaml.org,2002:int',
      'tag:yaml.org,2002:float',
    ]);
  });

  it('fails loudly when js-yaml’s Schema no longer has the compiled list, or a type it cannot model', () => {
    expect(() => implicitTypesOf({ implicit: [] })).toThrow(/no compiledImplicit list/);
    expect(() => implicitTypesOf({ compiledImplicit: [{ tag: 'tag:yaml.org,2002:str', kind: 'scalar' }] })).toThrow(
      /unexpected shape/,
    );
    // DEFAULT_SCHEMA adds timestamps (Date values) and merge keys: not what the reader can stand in for.
    expect(() => implicitTypesOf(DEFAULT_SCHEMA)).toThrow(/timestamp is not one this reader knows/);
  });
});
