import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, Scalar } from 'yaml';
import type { Manifest } from '@go-coffee/kube-objects';
import { seededRandom } from '@go-coffee/kube-objects/test-support';
import { serializeManifest, serializeManifestThroughDocument } from './manifest-files';
import { writeManifestYaml } from './manifest-yaml-writer';

const workspace = resolve(import.meta.dirname, '..', '..', '..');

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(path);
    return entry.name.endsWith('.yaml') ? [path] : [];
  });
}

/** The Document path's text, as the reference for any input (cast: the generator builds arbitrary data). */
function reference(value: unknown): string {
  return serializeManifestThroughDocument(value as Manifest);
}

describe('writeManifestYaml on the committed tree', () => {
  it('writes every committed gitops file byte-for-byte as committed and as the Document path, with no fallback', () => {
    const files = yamlFilesUnder(join(workspace, 'gitops'));
    expect(files.length).toBeGreaterThan(1000);
    const declined: string[] = [];
    const differing: string[] = [];
    for (const file of files) {
      const committed = readFileSync(file, 'utf8');
      const written = writeManifestYaml(parse(committed));
      if (written === undefined) declined.push(relative(workspace, file));
      else if (written !== committed || written !== reference(parse(committed)))
        differing.push(relative(workspace, file));
    }
    expect(differing).toStrictEqual([]);
    expect(declined).toStrictEqual([]);
  });
});

// One string per shape the package treats specially; a table, kept compact.
// prettier-ignore
const NASTY_STRINGS = [
  'yes', 'No', 'ON', 'y', 'n', '~', 'null', 'Null', 'NULL', 'true', 'False', '0644', '0o17', '0x1F', '0xg', '1_000',
  '1e3', 'e10', 'E-2', '.5', '5.', '+1', '-1', '1.0', '.inf', '-.Inf', '.nan', '12:30', '1:30:00', '2025-01-01', '=',
  '-', '?', ':', '- a', '? a', 'a: b', 'a:b', 'a :b', 'a:', '#x', 'a #b', 'a#b', ' x', 'x ', '', ' ', '---', '...',
  '--- x', '...x', '%YAML', '@x', '`x', '!x', '&a', '*a', '|', '>', '[a]', '{a}', ',', "'", '"', `'"`, `a'b`, 'a"b',
  '\\', 'a\\nb', '\\u0000', '\t', 'a\tb', '\tx', 'x\t', 'é', '日本', '😀', 'a\u2028b', '\u00a0', '\u0085', '\u0000',
  '\u0001', '\u0007', '\u000b', '\u001b', '\u007f', '\r', 'a\r\nb', '\ud800', 'x\udc00y', '\ufeff', 'plain-name',
  'nginx:1.25', 'http://example.com/a?b=c#d', '/path/to/file', 'a.b.c', '${VAR}', '{{ .Values.x }}',
];

const LINE_PIECES = [
  '',
  ' ',
  '  ',
  '\t',
  'line',
  ' indented',
  '  two',
  '---',
  '...',
  '%x',
  '# c',
  'a: b',
  "'q'",
  '"q"',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function multiLine(random: () => number): string {
  const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(random, LINE_PIECES));
  const ends = ['', '\n', '\n\n', '\n\n\n', ' ', ' \n', '\t\n'];
  const starts = ['', '\n', ' ', '\n\n', ' \n', '  \n x'];
  // A last line of only blanks makes the package double-quote the text, which the writer declines: keep it rare.
  const end = random() < 0.02 ? '\n ' : pick(random, ends);
  return pick(random, starts) + lines.join(pick(random, ['\n', '\n\n', '\n \n'])) + end;
}

function randomString(random: () => number): string {
  const roll = random();
  if (roll < 0.35) return pick(random, NASTY_STRINGS);
  if (roll < 0.55) return multiLine(random);
  if (roll < 0.6) return pick(random, NASTY_STRINGS).repeat(200 + Math.floor(random() * 400));
  if (roll < 0.8) return pick(random, NASTY_STRINGS) + pick(random, NASTY_STRINGS);
  const length = Math.floor(random() * 12);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCodePoint(pick(random, [32, 48, 97, 0x7e, 0xe9, 0x1f600, 10]));
  return text;
}

function randomKey(random: () => number): string {
  const roll = random();
  // Mostly ordinary keys: a key a reader misreads sends the whole document to the Document path.
  if (roll < 0.85) return pick(random, ['apiVersion', 'kind', 'metadata', 'name', 'a', 'B', 'Z', '_x', 'a.b/c', 'é']);
  if (roll < 0.97) return pick(random, NASTY_STRINGS);
  return randomString(random);
}

const NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, 2 ** 53, -2.5, 3.14159, 1 / 3];

function randomValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth < 5 && roll < 0.2) return randomMap(random, depth + 1);
  if (depth < 5 && roll < 0.35) {
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  }
  if (roll < 0.45) return pick(random, NUMBERS);
  if (roll < 0.5) return pick(random, [true, false, null]);
  return randomString(random);
}

function randomMap(random: () => number, depth: number): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  const size = Math.floor(random() * 5);
  for (let i = 0; i < size; i++) map[randomKey(random)] = randomValue(random, depth);
  return map;
}

describe('writeManifestYaml on generated manifests', () => {
  it('writes exactly the Document path text whenever it writes, and writes most of them', () => {
    const random = seededRandom(20261203);
    const cases = 3000;
    let written = 0;
    const outputs: string[] = [];
    for (let i = 0; i < cases; i++) {
      const manifest = random() < 0.1 ? [randomValue(random, 0)] : randomMap(random, 0);
      const fast = writeManifestYaml(manifest);
      if (fast === undefined) continue;
      written++;
      outputs.push(fast);
      if (fast !== reference(manifest))
        expect({ manifest, fast }).toStrictEqual({ manifest, fast: reference(manifest) });
    }
    expect(written / cases).toBeGreaterThan(0.7);
    expect(written).toBeLessThan(cases);
    // The cases reach every writing rule, so a wrong rule could not pass unseen.
    const all = outputs.join('\n');
    for (const form of ['|2', '|+', '|-', ': |\n', "'", '"\\x01"', '"\\e"', '"\\0"', '\\ud800', '- - ', '- {}', ': []'])
      expect(all).toContain(form);
  });

  it('shows a planted mismatch: a writer that leaves strings plain would differ from the Document path', () => {
    const manifest = { a: 'yes', b: '- x', c: ' lead\nx' };
    const plain = `a: ${manifest.a}\nb: ${manifest.b}\nc: ${manifest.c}\n`;
    expect(reference(manifest)).not.toBe(plain);
    expect(writeManifestYaml(manifest)).toBe(reference(manifest));
  });
});

describe('writeManifestYaml declines what it does not handle with certainty', () => {
  class Custom {
    readonly x = 1;
  }
  const holey: unknown[] = [1];
  holey[2] = 3;
  const ownIterator = Object.assign(['a', 'b'], { [Symbol.iterator]: ['c'][Symbol.iterator].bind(['c']) });
  let deep: Record<string, unknown> = { leaf: 'x' };
  for (let i = 0; i < 150; i++) deep = { next: deep };
  const refused: Record<string, unknown> = {
    'an undefined value': { a: undefined },
    'a function': { a: () => 1 },
    'a class instance': { a: new Custom() },
    'a Date': { a: new Date(0) },
    NaN: { a: Number.NaN },
    Infinity: { a: Number.POSITIVE_INFINITY },
    'a symbol': { a: Symbol('s') },
    'a bigint': { a: 10n },
    'a Scalar node': { a: new Scalar('x') },
    'a Map': { a: new Map([['k', 'v']]) },
    'a hole in an array': { a: holey },
    'a plain object with an iterator': { a: { x: 1, [Symbol.iterator]: [][Symbol.iterator] } },
    'an array with its own iterator': { a: ownIterator },
    'a key a reader misreads': { yes: 1 },
    'a numeric key': { '0644': 1 },
    'a multi-line key': { 'a\nb': 1 },
    'a key with a control character': { 'a\u0001': 1 },
    'a key over 1024 characters': { ['k'.repeat(1100)]: 1 },
    'multi-line text with a control character': { a: 'x\n\u0001' },
    'multi-line text ending in a blank line': { a: 'x\n  ' },
    'nesting deeper than 100 levels': deep,
    'a string root': 'text',
    'a null root': null,
  };
  for (const [shape, value] of Object.entries(refused)) {
    it(`falls back to the Document path for ${shape}`, () => {
      expect(writeManifestYaml(value)).toBeUndefined();
      let expected: string | Error;
      try {
        expected = reference(value);
      } catch (error) {
        expected = error as Error;
      }
      if (typeof expected === 'string') expect(serializeManifest(value as Manifest)).toBe(expected);
      else expect(() => serializeManifest(value as Manifest)).toThrow(expected.message);
    });
  }
});
