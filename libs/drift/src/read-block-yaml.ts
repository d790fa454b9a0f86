// A fast reader for the block YAML that renderers write (nested `key: value` mappings, `- item` sequences,
// plain, quoted and literal/folded block scalars, `{}` and `[]`). Parsing a 50,000-object tree with js-yaml was
// the largest CPU cost of a drift run; this reader covers what rendered manifests use and gives exactly what
// js-yaml with KUBE_YAML_SCHEMA gives (plain scalars are resolved by that schema's own implicit types, in
// js-yaml's order). Anything outside that subset, anything it is not certain about and anything js-yaml would
// reject yields `undefined`: the caller then reads the file with js-yaml, which also words the errors.
import { KUBE_YAML_SCHEMA } from './kube-yaml-schema';

interface ImplicitType {
  readonly tag: string;
  readonly resolve: (data: string) => boolean;
  readonly construct: (data: string) => unknown;
}

// The scalar types this reader may construct: their values are primitives, so String(value) is the key js-yaml
// stores (and may be cached). A merge (`<<`) or timestamp (Date) type would change that.
const KNOWN_IMPLICIT_TAGS = new Set([
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
]);

/**
 * The schema's implicit types in the order js-yaml's composeNode tries them (`compiledImplicit`, an internal of
 * js-yaml's Schema). Fails at module load when js-yaml changes that shape, rather than reading scalars
 * differently from it.
 */
export function implicitTypesOf(schema: unknown): readonly ImplicitType[] {
  const compiled = (schema as { compiledImplicit?: unknown } | null)?.compiledImplicit;
  if (!Array.isArray(compiled) || compiled.length === 0)
    throw new Error('read-block-yaml: js-yaml Schema has no compiledImplicit list; update read-block-yaml.ts');
  for (const type of compiled as Record<string, unknown>[]) {
    if (
      type === null ||
      typeof type !== 'object' ||
      typeof type.tag !== 'string' ||
      type.kind !== 'scalar' ||
      type.multi === true ||
      typeof type.resolve !== 'function' ||
      typeof type.construct !== 'function'
    )
      throw new Error('read-block-yaml: a js-yaml implicit type has an unexpected shape; update read-block-yaml.ts');
    if (!KNOWN_IMPLICIT_TAGS.has(type.tag))
      throw new Error(`read-block-yaml: implicit type ${type.tag} is not one this reader knows; update it`);
  }
  return compiled as ImplicitType[];
}

const IMPLICIT_TYPES = implicitTypesOf(KUBE_YAML_SCHEMA);

/** A plain scalar as js-yaml's composeNode resolves it: the first implicit type whose `resolve` matches. */
function resolvePlain(text: string): unknown {
  for (let i = 0; i < IMPLICIT_TYPES.length; i++) {
    const type = IMPLICIT_TYPES[i]!;
    if (type.resolve(text)) return type.construct(text);
  }
  return text;
}

// Rendered manifests repeat the same keys (`name`, `apiVersion`, `app.kubernetes.io/name`) many times.
const keyOfPlain = new Map<string, string>();
const KEY_CACHE_LIMIT = 10_000;

/** A plain key as js-yaml stores it: resolved, then String(). */
function plainKey(text: string): string {
  let key = keyOfPlain.get(text);
  if (key === undefined) {
    key = String(resolvePlain(text));
    if (keyOfPlain.size >= KEY_CACHE_LIMIT) keyOfPlain.clear();
    keyOfPlain.set(text, key);
  }
  return key;
}

// Anything but `\n` that is a control character, a lone surrogate, a BOM, a tab, `\r` or a non-ASCII line
// break: js-yaml either rejects it, reads it in ways this reader does not model, or reports a warning.
const OUTSIDE_SUBSET_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

// Most files are printable ASCII: one cheap scan rules the longer pattern out.
const NOT_PRINTABLE_ASCII = /[^\n\x20-\x7E]/;

// js-yaml's nesting limit is 100; rendered manifests stay far below this.
const MAX_DEPTH = 40;

const REFUSED = Symbol('outside the subset');

const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const QUESTION = 0x3f;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** First characters a plain scalar may not start with (YAML indicators); `-`, `?`, `:` are handled on their own. */
const INDICATOR_FIRST = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|>\'"%@`') INDICATOR_FIRST[c.charCodeAt(0)] = 1;

// js-yaml's escapes in double-quoted scalars (simpleEscapeSequence), tab excluded: tabs are refused anyway.
const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\x00',
  a: '\x07',
  b: '\x08',
  t: '\x09',
  n: '\x0A',
  v: '\x0B',
  f: '\x0C',
  r: '\x0D',
  e: '\x1B',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function refuse(): never {
  throw REFUSED;
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === SPACE) i++;
  return i;
}

/**
 * Each line's indentation, or -1 for a line js-yaml skips between nodes (empty, only spaces, or a comment):
 * computed once, as every line is looked at several times.
 */
function contentIndents(lines: readonly string[]): Int32Array {
  const indents = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = indentOf(line);
    indents[i] = indent === line.length || line.charCodeAt(indent) === HASH ? -1 : indent;
  }
  return indents;
}

/** `-` alone or `- …` at column `at`: a block sequence entry. */
function isSequenceEntry(line: string, at: number): boolean {
  return line.charCodeAt(at) === DASH && (at + 1 === line.length || line.charCodeAt(at + 1) === SPACE);
}

/** A plain scalar text js-yaml reads as exactly this text on one line (then resolved by the schema). */
function checkPlain(text: string): void {
  checkPlainEnds(text);
  if (text.indexOf(' ') >= 0 && (text.includes(': ') || text.includes(' #'))) refuse();
}

/** checkPlain for a key, which keyEnd found holds no `: ` and no ` #`. */
function checkPlainEnds(text: string): void {
  if (text.length === 0) refuse();
  const first = text.charCodeAt(0);
  if (first < 128 && INDICATOR_FIRST[first] === 1) {
    // `-1`, `?x`, `:x`: js-yaml reads a plain scalar when `-`, `?` or `:` is not followed by a space (the `yaml`
    // package writes such strings plain).
    if (!(first === DASH || first === QUESTION || first === COLON) || text.length === 1 || text.charCodeAt(1) === SPACE)
      refuse();
  }
  const last = text.charCodeAt(text.length - 1);
  if (last === SPACE || last === COLON) refuse();
}

interface Scanned {
  readonly value: string;
  /** Index just after the closing quote. */
  readonly end: number;
}

function readSingleQuoted(line: string, from: number): Scanned {
  let value = '';
  let start = from + 1;
  for (;;) {
    const close = line.indexOf("'", start);
    if (close < 0) refuse(); // continues on the next line (folded): outside the subset
    value += line.slice(start, close);
    if (line.charCodeAt(close + 1) === SINGLE_QUOTE) {
      value += "'";
      start = close + 2;
    } else {
      return { value, end: close + 1 };
    }
  }
}

function readDoubleQuoted(line: string, from: number): Scanned {
  let value = '';
  let start = from + 1;
  for (let i = start; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === DOUBLE_QUOTE) return { value: value + line.slice(start, i), end: i + 1 };
    if (ch !== BACKSLASH) continue;
    value += line.slice(start, i);
    const escape = line.charAt(i + 1);
    const simple = SIMPLE_ESCAPES[escape];
    if (simple !== undefined && Object.hasOwn(SIMPLE_ESCAPES, escape)) {
      value += simple;
      i += 1;
    } else {
      const length = Object.hasOwn(HEX_ESCAPE_LENGTH, escape) ? HEX_ESCAPE_LENGTH[escape]! : 0;
      if (length === 0) refuse(); // an unknown escape or a line continuation
      const hex = line.slice(i + 2, i + 2 + length);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) refuse();
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) refuse();
      value += String.fromCodePoint(code);
      i += 1 + length;
    }
    start = i + 1;
  }
  return refuse(); // no closing quote on this line
}

class BlockYamlReader {
  private readonly lines: readonly string[];
  private readonly indents: Int32Array;
  private end = 0;
  /** The next line to read. */
  private cursor = 0;
  private depth = 0;

  constructor(lines: readonly string[], indents: Int32Array) {
    this.lines = lines;
    this.indents = indents;
  }

  /** The document in lines [from, to): null when it holds no node. */
  document(from: number, to: number): unknown {
    this.end = to;
    this.depth = 0;
    const first = this.nextContent(from);
    if (first >= to) return null;
    if (this.indents[first] !== 0) refuse();
    const value = this.block(first, 0);
    if (this.nextContent(this.cursor) < to) refuse();
    return value;
  }

  /** Index of the first line from `from` that is not skippable (or `end`). */
  private nextContent(from: number): number {
    let i = from;
    while (i < this.end && this.indents[i] === -1) i++;
    return i;
  }

  /** The block collection whose first line is `at`, indented by `indent`. */
  private block(at: number, indent: number): unknown {
    return isSequenceEntry(this.lines[at]!, indent) ? this.sequence(at, indent) : this.mapping(at, indent);
  }

  /** One collection deeper; a refusal past MAX_DEPTH (the count restarts with each document). */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) refuse();
  }

  /** The collection `value`, finished: one level up. */
  private leave<T>(value: T): T {
    this.depth--;
    return value;
  }

  /**
   * The value of `key:` (of a mapping at `indent`) or of a bare `-` (of a sequence at `indent`) whose text
   * ends the line before `from`: a deeper block, a sequence at the key's own indentation, or null.
   */
  private nestedValue(from: number, indent: number, ofMappingKey: boolean): unknown {
    const next = this.nextContent(from);
    this.cursor = next;
    if (next >= this.end) return null;
    const line = this.lines[next]!;
    const lineIndent = this.indents[next]!;
    if (lineIndent > indent) return this.block(next, lineIndent);
    // After a bare `-` js-yaml takes the next `- ` line as an entry of the same sequence even when it is less
    // indented (readBlockSequence continues without checking): not modelled.
    if (!ofMappingKey && lineIndent < indent && isSequenceEntry(line, lineIndent)) refuse();
    if (ofMappingKey && lineIndent === indent && isSequenceEntry(line, indent)) return this.sequence(next, indent);
    return null;
  }

  private sequence(at: number, indent: number): unknown[] {
    this.enter();
    const items: unknown[] = [];
    let lineIndex = at;
    for (;;) {
      const line = this.lines[lineIndex]!;
      let start = indent + 1;
      while (line.charCodeAt(start) === SPACE) start++;
      if (start === line.length) {
        items.push(this.nestedValue(lineIndex + 1, indent, false));
      } else {
        const ch = line.charCodeAt(start);
        if (ch === HASH || isSequenceEntry(line, start)) refuse(); // `- # c`, `- - x`
        const keyEnd = this.keyEnd(line, start);
        if (keyEnd >= 0) {
          // `- key: value`: a mapping whose column is the key's.
          items.push(this.mapping(lineIndex, start));
        } else {
          items.push(this.inlineValue(line, start, lineIndex, indent));
        }
      }
      const next = this.nextContent(this.cursor);
      this.cursor = next;
      if (next >= this.end) return this.leave(items);
      const nextLine = this.lines[next]!;
      const nextIndent = this.indents[next]!;
      if (nextIndent > indent) refuse();
      if (nextIndent < indent || !isSequenceEntry(nextLine, indent)) return this.leave(items);
      lineIndex = next;
    }
  }

  /**
   * The mapping at column `indent` whose first key starts at column `indent` of line `at` (the line may be a
   * `- ` entry of a sequence; later keys are on lines of their own).
   */
  private mapping(at: number, indent: number): Record<string, unknown> {
    this.enter();
    const result: Record<string, unknown> = {};
    let lineIndex = at;
    for (;;) {
      const line = this.lines[lineIndex]!;
      const keyEnd = this.keyEnd(line, indent);
      if (keyEnd < 0) refuse(); // not a `key:` line (a multi-line scalar, a stray entry, …)
      const key = this.keyText(line, indent, keyEnd);
      if (key === '__proto__' || key === '<<' || Object.hasOwn(result, key)) refuse();
      let start = keyEnd + 1;
      while (line.charCodeAt(start) === SPACE) start++;
      result[key] =
        start === line.length
          ? this.nestedValue(lineIndex + 1, indent, true)
          : this.inlineValue(line, start, lineIndex, indent);
      const next = this.nextContent(this.cursor);
      this.cursor = next;
      if (next >= this.end) return this.leave(result);
      const nextIndent = this.indents[next]!;
      // Deeper: a plain scalar continued on the next line, or bad indentation for js-yaml.
      if (nextIndent > indent) refuse();
      if (nextIndent < indent) return this.leave(result);
      lineIndex = next;
    }
  }

  /** Index of the `:` ending the key that starts at `start`, or -1 when the line holds no `key:` there. */
  private keyEnd(line: string, start: number): number {
    const first = line.charCodeAt(start);
    if (first === SINGLE_QUOTE || first === DOUBLE_QUOTE) {
      const { end } = first === SINGLE_QUOTE ? readSingleQuoted(line, start) : readDoubleQuoted(line, start);
      if (line.charCodeAt(end) !== COLON) return -1;
      return end + 1 === line.length || line.charCodeAt(end + 1) === SPACE ? end : refuse();
    }
    // The first `: `, else a `:` ending the line.
    let colon = line.indexOf(': ', start);
    if (colon < 0) colon = line.length > start && line.charCodeAt(line.length - 1) === COLON ? line.length - 1 : -1;
    if (colon < 0) return -1;
    // ` #` before the `:` starts a comment: the key ends there, which is not a `key:` line. (Before `start`
    // there are only spaces.)
    const comment = line.lastIndexOf(' #', colon);
    return comment >= 0 && comment >= start - 1 ? -1 : colon;
  }

  /** The key as js-yaml stores it: a quoted text as is, a plain one resolved by the schema, then String(). */
  private keyText(line: string, start: number, keyEnd: number): string {
    const first = line.charCodeAt(start);
    if (first === SINGLE_QUOTE) return readSingleQuoted(line, start).value;
    if (first === DOUBLE_QUOTE) return readDoubleQuoted(line, start).value;
    const text = line.slice(start, keyEnd);
    checkPlainEnds(text);
    return plainKey(text);
  }

  /**
   * A value that starts at `start` of line `lineIndex`, in a collection at column `parentIndent`; leaves the
   * cursor on the line after it.
   */
  private inlineValue(line: string, start: number, lineIndex: number, parentIndent: number): unknown {
    this.cursor = lineIndex + 1;
    const first = line.charCodeAt(start);
    switch (first) {
      case SINGLE_QUOTE:
      case DOUBLE_QUOTE: {
        const { value, end } = first === SINGLE_QUOTE ? readSingleQuoted(line, start) : readDoubleQuoted(line, start);
        if (end !== line.length) refuse();
        return value;
      }
      case 0x7b /* { */:
        if (line.length !== start + 2 || line.charCodeAt(start + 1) !== 0x7d) refuse();
        return {};
      case 0x5b /* [ */:
        if (line.length !== start + 2 || line.charCodeAt(start + 1) !== 0x5d) refuse();
        return [];
      case 0x7c /* | */:
      case 0x3e /* > */:
        return this.blockScalar(line, start, lineIndex, parentIndent);
      default: {
        const text = start === 0 ? line : line.slice(start);
        checkPlain(text);
        return resolvePlain(text);
      }
    }
  }

  /** A literal or folded block scalar (js-yaml's readBlockScalar, one line at a time). */
  private blockScalar(line: string, start: number, lineIndex: number, parentIndent: number): string {
    const folding = line.charCodeAt(start) === 0x3e;
    let chomping: 'clip' | 'strip' | 'keep' = 'clip';
    let textIndent = parentIndent + 1;
    let detectedIndent = false;
    for (let i = start + 1; i < line.length; i++) {
      const ch = line.charAt(i);
      if ((ch === '+' || ch === '-') && chomping === 'clip') chomping = ch === '+' ? 'keep' : 'strip';
      else if (ch >= '1' && ch <= '9' && !detectedIndent) {
        textIndent = parentIndent + Number(ch);
        detectedIndent = true;
      } else refuse(); // a comment, spaces, a repeated indicator, `0`
    }
    let result = '';
    let emptyLines = 0;
    let didReadContent = false;
    let atMoreIndented = false;
    let at = lineIndex + 1;
    for (; at < this.end; at++) {
      const text = this.lines[at]!;
      const spaces = indentOf(text);
      const lineIndent = detectedIndent ? Math.min(spaces, textIndent) : spaces;
      if (!detectedIndent && lineIndent > textIndent) textIndent = lineIndent;
      if (lineIndent === text.length) {
        emptyLines++;
        continue;
      }
      if (lineIndent < textIndent) break;
      if (folding) {
        if (text.charCodeAt(lineIndent) === SPACE) {
          atMoreIndented = true;
          result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          result += '\n'.repeat(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) result += ' ';
        } else {
          result += '\n'.repeat(emptyLines);
        }
      } else {
        result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
      }
      didReadContent = true;
      detectedIndent = true;
      emptyLines = 0;
      result += text.slice(lineIndent);
    }
    if (chomping === 'keep') result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
    else if (chomping === 'clip' && didReadContent) result += '\n';
    this.cursor = at;
    return result;
  }
}

/**
 * The documents of `text` as js-yaml's `loadAll(text, undefined, { schema: KUBE_YAML_SCHEMA })` returns them,
 * or undefined when the text is outside the block subset this reader knows (then js-yaml must read it).
 */
export function readBlockYaml(text: string): unknown[] | undefined {
  if (NOT_PRINTABLE_ASCII.test(text) && OUTSIDE_SUBSET_CHARS.test(text)) return undefined;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const indents = contentIndents(lines);
  const reader = new BlockYamlReader(lines, indents);
  const documents: unknown[] = [];
  try {
    let from = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const first = line.charCodeAt(0);
      if (first !== DASH && first !== 0x2e /* . */ && first !== 0x25 /* % */) continue;
      if (line !== '---') {
        // `...`, `--- x`, `---x`, directives: document markers js-yaml reads in ways not modelled here.
        if (line.startsWith('---') || line.startsWith('...') || first === 0x25) return undefined;
        continue;
      }
      // Before the first `---`, only a document with content counts (js-yaml skips comments up to it).
      if (from > 0 || hasContent(indents, 0, i)) documents.push(reader.document(from, i));
      from = i + 1;
    }
    // A text without any node or marker: js-yaml's answer ([] or [null]) depends on details not modelled here.
    if (from === 0 && !hasContent(indents, 0, lines.length)) return undefined;
    documents.push(reader.document(from, lines.length));
  } catch (error) {
    if (error === REFUSED) return undefined;
    throw error;
  }
  return documents;
}

function hasContent(indents: Int32Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (indents[i] !== -1) return true;
  return false;
}
