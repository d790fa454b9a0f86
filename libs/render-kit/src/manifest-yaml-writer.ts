// A direct writer of manifest YAML, for speed. The `yaml` package's Document (createNode, then toString) cost
// about half of a fleet render, yet every manifest is plain JSON-like data written in one fixed style (block
// collections, sorted keys, no line folding). This writer produces, for that data, exactly the bytes the
// Document path of serializeManifest produces (yaml v2 with `sortMapEntries: true`, `lineWidth: 0`, misread
// strings double-quoted) by following the same rules as the package's stringifiers. Whatever it is not certain
// of — values that are not plain objects, arrays, strings, finite numbers, booleans or null; keys that need
// quotes for a reader; multi-line strings the package would double-quote; very deep nesting — makes it answer
// `undefined`, and the caller writes that document through the Document path, which stays the reference.
// The rules are those of the pinned `yaml` 2.9.1; after an upgrade, manifest-yaml-writer.test.ts (every committed
// file and thousands of generated documents against the Document path) shows whether they still hold.
// NAME_LIKE text is plain unless a reader misreads it (`yes`, `e10`, `null`), which plainScalarIsPortable decides.
import { NAME_LIKE, plainScalarIsPortable } from './yaml-scalar-resolution';

/** The step each nesting level adds, as the `yaml` package's default `indent: 2`. */
const INDENT_STEP = '  ';

/** Deeper than this is refused: the Document path decides (and a cycle ends in its own error, not ours). */
const MAX_DEPTH = 100;

/** The `yaml` package emits a key longer than this as an explicit `? key` entry. */
const MAX_IMPLICIT_KEY_LENGTH = 1024;

/** Characters the package always double-quotes: control characters and unpaired surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is its purpose
const NEEDS_DOUBLE_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

/** Plain-scalar syntax the package refuses: indicator first, `- `/`? `, `: `, ` #`, trailing space or colon. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/** A line that starts a directive or a document marker. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

/** The core schema's tests: a plain string matching one reads as null, a boolean or a number. */
const READS_AS_CORE_SCALAR = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/** A literal block scalar's value may not end in a line of only blanks: the package quotes such text. */
const ENDS_IN_BLANK_LINE = /\n[\t ]+$/;

/** Escapes of JSON's `\u00XX` form that YAML writes shorter. */
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '0000': '\\0',
  '0007': '\\a',
  '000b': '\\v',
  '001b': '\\e',
};

/**
 * `manifest` as the text serializeManifest writes (trailing newline included), or `undefined` when it holds
 * anything this writer does not handle with certainty; the caller then uses the `yaml` Document path.
 */
export function writeManifestYaml(manifest: unknown): string | undefined {
  if (isPlainObject(manifest)) {
    const body = blockMap(manifest, '', 0);
    return body === undefined ? undefined : `${body}\n`;
  }
  if (isPlainArray(manifest)) {
    const body = blockSeq(manifest, '', 0);
    return body === undefined ? undefined : `${body}\n`;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  // The package writes anything iterable as a sequence, whatever its prototype.
  return (proto === Object.prototype || proto === null) && !(Symbol.iterator in value);
}

const ARRAY_ITERATOR = Array.prototype[Symbol.iterator];

function isPlainArray(value: unknown): value is unknown[] {
  // The package walks a sequence with its iterator: only the standard one yields exactly the indexed items.
  return (
    Array.isArray(value) &&
    Object.getPrototypeOf(value) === Array.prototype &&
    (value as unknown[])[Symbol.iterator] === ARRAY_ITERATOR
  );
}

/** Code-unit order, as the package's `sortMapEntries: true` compares keys. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A non-empty map's entries, one per line, at `indent`; `{}` when empty. */
function blockMap(map: Record<string, unknown>, indent: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const keys = Object.keys(map);
  if (keys.length === 0) return '{}';
  keys.sort(byCodeUnits);
  const valueIndent = indent + INDENT_STEP;
  let text = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const keyText = mapKey(key, indent === '');
    if (keyText === undefined) return undefined;
    const value = map[key];
    let valueText: string | undefined;
    if (isPlainObject(value)) {
      const inner = blockMap(value, valueIndent, depth + 1);
      if (inner === undefined) return undefined;
      valueText = inner === '{}' ? ' {}' : `\n${valueIndent}${inner}`;
    } else if (isPlainArray(value)) {
      const inner = blockSeq(value, valueIndent, depth + 1);
      if (inner === undefined) return undefined;
      valueText = inner === '[]' ? ' []' : `\n${valueIndent}${inner}`;
    } else {
      const scalar = scalarValue(value, valueIndent);
      if (scalar === undefined) return undefined;
      valueText = ` ${scalar}`;
    }
    text += i === 0 ? `${keyText}:${valueText}` : `\n${indent}${keyText}:${valueText}`;
  }
  return text;
}

/** A non-empty sequence's `- ` items, one per line, at `indent`; `[]` when empty. */
function blockSeq(seq: unknown[], indent: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (seq.length === 0) return '[]';
  const itemIndent = indent + INDENT_STEP;
  let text = '';
  for (let i = 0; i < seq.length; i++) {
    const item = seq[i];
    let itemText: string | undefined;
    if (isPlainObject(item)) itemText = blockMap(item, itemIndent, depth + 1);
    else if (isPlainArray(item)) itemText = blockSeq(item, itemIndent, depth + 1);
    else itemText = scalarValue(item, itemIndent);
    if (itemText === undefined) return undefined;
    text += i === 0 ? `- ${itemText}` : `\n${indent}- ${itemText}`;
  }
  return text;
}

/**
 * A key as the package writes an implicit key. A key a reader would misread makes serializeManifest quote it
 * through a document visit; that and the rarer shapes (line breaks, control characters, very long) are left
 * to the Document path.
 */
function mapKey(key: string, atRoot: boolean): string | undefined {
  if (NAME_LIKE.test(key) && key.length <= MAX_IMPLICIT_KEY_LENGTH && plainScalarIsPortable(key)) return key;
  if (key.includes('\n') || NEEDS_DOUBLE_QUOTES.test(key) || !plainScalarIsPortable(key)) return undefined;
  // The package quotes a document marker in a root key only: deeper, the key's indentation protects it.
  const text =
    NOT_PLAIN.test(key) || (atRoot && DOCUMENT_MARKER.test(key)) || readsAsCoreScalar(key) ? quotedLine(key) : key;
  return text.length > MAX_IMPLICIT_KEY_LENGTH ? undefined : text;
}

/** A scalar in value position (a map value or a sequence item) whose own lines sit at `indent`. */
function scalarValue(value: unknown, indent: string): string | undefined {
  switch (typeof value) {
    case 'string':
      return value.includes('\n') ? multiLineString(value, indent) : singleLineString(value);
    case 'number':
      if (!Number.isFinite(value)) return undefined;
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return undefined;
  }
}

function singleLineString(value: string): string {
  if (!plainScalarIsPortable(value)) return doubleQuoted(value);
  // Most strings are names: no indicator, blank, colon or hash, and (being portable) no core-schema lookalike.
  if (NAME_LIKE.test(value)) return value;
  if (NEEDS_DOUBLE_QUOTES.test(value)) return doubleQuoted(value);
  if (NOT_PLAIN.test(value) || readsAsCoreScalar(value)) return quotedLine(value);
  return value;
}

function readsAsCoreScalar(text: string): boolean {
  for (const test of READS_AS_CORE_SCALAR) if (test.test(text)) return true;
  return false;
}

/** The package's choice of quotes: single only when the text has a double quote and no single quote. */
function quotedLine(text: string): string {
  return text.includes('"') && !text.includes("'") ? `'${text}'` : doubleQuoted(text);
}

/** A one-line double-quoted scalar: JSON's escapes, with YAML's shorter forms for some control characters. */
function doubleQuoted(text: string): string {
  const json = JSON.stringify(text);
  if (!json.includes('\\u')) return json;
  let out = '';
  let copiedUpTo = 0;
  for (let i = json.indexOf('\\'); i !== -1; i = json.indexOf('\\', i)) {
    if (json[i + 1] !== 'u') {
      i += 2;
      continue;
    }
    const code = json.slice(i + 2, i + 6);
    const short = SHORT_ESCAPES[code] ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : undefined);
    if (short !== undefined) {
      out += json.slice(copiedUpTo, i) + short;
      copiedUpTo = i + 6;
    }
    i += 6;
  }
  return out + json.slice(copiedUpTo);
}

/**
 * Multi-line text as a literal block scalar (`|`, `|-` or `|+`, with an indentation indicator when the first
 * line starts with a space), its lines at `indent`. Text the package would write double-quoted instead
 * (control characters, a last line of only blanks) is refused.
 */
function multiLineString(value: string, indent: string): string | undefined {
  if (NEEDS_DOUBLE_QUOTES.test(value) || ENDS_IN_BLANK_LINE.test(value)) return undefined;
  // Chomping comes from the trailing run of blanks and line breaks: none → strip, exactly one final line
  // break → clip, more (or nothing but blanks) → keep.
  let endStart = value.length;
  while (endStart > 0) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
    endStart--;
  }
  let end = value.slice(endStart);
  const endBreak = end.indexOf('\n');
  const chomp = endBreak === -1 ? '-' : endStart === 0 || endBreak !== end.length - 1 ? '+' : '';
  let body = value.slice(0, endStart);
  if (end.endsWith('\n')) end = end.slice(0, -1);
  end = indentBreaksBeforeText(end, indent);
  // Leading spaces and line breaks: everything up to the last break of that run is written before the body
  // lines, and a space there needs an explicit indentation indicator.
  let startWithSpace = false;
  let lastLeadingBreak = -1;
  let startEnd = 0;
  for (; startEnd < body.length; startEnd++) {
    const ch = body[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') lastLeadingBreak = startEnd;
    else break;
  }
  let start = body.slice(0, lastLeadingBreak + 1);
  if (start !== '') {
    body = body.slice(start.length);
    start = indentAfterBreaks(start, indent);
  }
  const header = `|${startWithSpace ? '2' : ''}${chomp}`;
  return `${header}\n${indent}${start}${indentAfterBreaks(body, indent)}${end}`;
}

/** `indent` after every run of line breaks. */
function indentAfterBreaks(text: string, indent: string): string {
  return text.includes('\n') ? text.replace(/\n+/g, (breaks) => breaks + indent) : text;
}

/** `indent` after every run of line breaks that is followed by more text (not at the end of `text`). */
function indentBreaksBeforeText(text: string, indent: string): string {
  if (!text.includes('\n')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch !== '\n') {
      out += ch;
      i++;
      continue;
    }
    let j = i;
    while (text[j] === '\n') j++;
    out += text.slice(i, j);
    if (j < text.length) out += indent;
    i = j;
  }
  return out;
}
