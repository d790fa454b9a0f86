// Finds and parses the input files the way conftest does, keeping the line of every document so
// reports can point at the object. conftest's YAML parser splits a file on "\n---\n" and reads each part
// as YAML 1.1 (yes/on → true, 0777 octal), keeps empty parts as null, and treats a top-level list as
// several documents; this module reproduces that so both tools see identical inputs.
//
// It also refuses, with file and line, whatever is not plain rendered YAML or JSON, where conftest too
// refuses it or (duplicate keys, deep nesting) where a silent reading could hide an object: unrendered
// template syntax, binary or compressed content, invalid UTF-8, empty or invalid JSON, and paths that are
// not regular files (FIFOs and devices are never opened, so they cannot block), dangling links and loops.
import { isUtf8 } from 'node:buffer';
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { isCollection, isPair, isScalar, parseDocument, visit, type ScalarTag, type Tags } from 'yaml';
import { describeObject, refKey, refOf } from '@go-coffee/kube-objects';
import { PolicyCheckError } from './policy-check-error';

export interface InputDocument {
  /** The document as conftest passes it to Rego (plain JSON values). */
  readonly value: unknown;
  /** 1-based line where the document's content starts in its file. */
  readonly line: number;
}

export interface InputFile {
  /** Path as conftest prints it: the argument joined with the walked relative path. */
  readonly path: string;
  readonly documents: readonly InputDocument[];
}

const INPUT_EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * Where a path's content is on disk. Identity for a normal run; the ratchet (`--baseline`) reads the same
 * paths from a copy of the base ref, so file names, cluster scopes and messages come out as the current run's.
 */
export type LocatePath = (path: string) => string;

const here: LocatePath = (path) => path;

const inputError = (message: string) => new PolicyCheckError('noInputFiles', message);

/** What a path is, following links; a dangling link, a link loop or a missing path is an input error. */
function statInput(shown: string, located: string): Stats {
  try {
    return statSync(located);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP')
      throw inputError(`${shown}: symbolic link loop; fix: point the link at a file or directory, or remove it`);
    let link: string | undefined;
    try {
      if (lstatSync(located).isSymbolicLink()) link = readlinkSync(located);
    } catch {
      // Not there at all: said below.
    }
    if (link !== undefined)
      throw inputError(`${shown}: dangling symbolic link to ${link}; fix: point the link at a file, or remove it`);
    if (code === 'ENOENT')
      throw inputError(`${shown}: no such file or directory; fix: pass the rendered tree, e.g. gitops/`);
    throw inputError(`${shown}: cannot be read (${(error as Error).message}); fix: check the path`);
  }
}

function fileType(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

const notRegular = (shown: string, stats: Stats) =>
  inputError(`${shown}: ${fileType(stats)}, not a regular file; fix: pass rendered YAML or JSON files`);

/** Files under the given paths (files as given, directories walked in lexical order), like conftest. */
export function collectInputPaths(paths: readonly string[], locate: LocatePath = here): string[] {
  const files: string[] = [];
  // Real paths of the directories being walked: a link back to one of them is a loop, not more input.
  const walking: string[] = [];
  const walk = (dir: string): void => {
    const real = realpathSync(locate(dir));
    if (walking.includes(real))
      throw inputError(`${dir}: symbolic link loop (leads back to a directory above it); fix: remove the link`);
    walking.push(real);
    for (const name of readdirSync(locate(dir)).sort()) {
      const child = join(dir, name);
      const stats = statInput(child, locate(child));
      if (stats.isDirectory()) walk(child);
      else if (INPUT_EXTENSIONS.some((extension) => name.endsWith(extension))) {
        if (!stats.isFile()) throw notRegular(child, stats);
        files.push(child);
      }
    }
    walking.pop();
  };
  for (const path of paths) {
    const stats = statInput(path, locate(path));
    if (stats.isDirectory()) walk(path);
    else if (stats.isFile()) files.push(path);
    else throw notRegular(path, stats);
  }
  if (files.length === 0) {
    throw inputError(
      `no .yaml, .yml or .json files under ${paths.join(', ') || '(no paths given)'}; fix: pass the rendered tree, e.g. gitops/`,
    );
  }
  return files;
}

// YAML 1.1 as go-yaml reads it: booleans and octals of 1.1, but timestamps stay strings and there are no
// sexagesimal numbers.
const yaml11Tags = (tags: Tags): Tags =>
  tags.filter((tag) => {
    const { tag: name, format } = tag as { tag?: string; format?: string };
    return name !== 'tag:yaml.org,2002:timestamp' && format !== 'TIME';
  });

/** 1-based line of each character offset of a text. */
function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

export type YamlReader = 'fast' | 'exact';

/**
 * Parses one file's text into conftest's documents. Throws PolicyCheckError('malformedYaml') with file and line.
 * `fast` (the default) reads each part with js-yaml, resolving plain scalars with the very YAML 1.1 tags of
 * the `yaml` library, and hands every part it cannot vouch for to `exact` (the `yaml` library alone), so
 * both give the same documents and lines (input-documents.test.ts compares them); js-yaml is several
 * times faster, and reading YAML was most of a large run.
 */
export function parseInputText(path: string, text: string, reader: YamlReader = 'fast'): InputFile {
  if (path.endsWith('.json')) assertJson(path, text);
  assertNestingWithinLimit(path, text);
  const parts = text.split('\n---\n');
  const documents: InputDocument[] = [];
  let partOffset = 0;
  const lineAt = lineLocator(text);
  for (const part of parts) {
    const quick = reader === 'fast' ? readPartQuickly(part, parts.length === 1) : undefined;
    if (quick) documents.push({ value: quick.value, line: lineAt(partOffset + quick.offset) });
    else documents.push(...readPartExactly(path, part, partOffset, lineAt, parts.length === 1));
    partOffset += part.length + '\n---\n'.length;
  }
  for (const document of documents) assertShallow(path, document);
  return { path, documents };
}

/** conftest reads a .json file with a JSON parser: an empty or invalid one is refused, never a null document. */
function assertJson(path: string, text: string): void {
  if (text.trim() === '') {
    throw new PolicyCheckError(
      'malformedYaml',
      `${path}:1: empty JSON document; fix: write the object into the file, or delete it`,
    );
  }
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? 1 : lineLocator(text)(Number(position));
    throw new PolicyCheckError(
      'malformedYaml',
      `${path}:${line}: malformed JSON: ${message.split('\n')[0]}; fix: correct the file (rendered files come from \`npm run render\`)`,
    );
  }
}

/**
 * Levels of nesting a document may have. Kubernetes objects nest a few dozen levels; a deeper document is
 * refused with a message here instead of exhausting a stack somewhere later (JSON encoding, the WASM).
 */
export const MAX_NESTING = 200;

/**
 * Refuses text that nests deeper than MAX_NESTING before any parser recurses into it (a parser that runs
 * out of stack can take the process down with it, not just throw). Counts block levels by indentation
 * and leading `- `, and flow levels by brackets outside quotes and comments; block scalar content is text.
 * An estimate on the safe side: it may count a level too many, never one too few, far from real manifests.
 */
const SIGNIFICANT = /["'\\#[\]{}]/g;

function assertNestingWithinLimit(path: string, text: string): void {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarParent = -1;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const indent = line.search(/\S/);
    if (indent === -1) continue;
    if (blockScalarParent >= 0) {
      if (indent > blockScalarParent) continue;
      blockScalarParent = -1;
    }
    if (flow === 0 && quote === undefined) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    const dashes = line[indent] === '-' ? (/^(?:[ \t]*-(?=[ \t]|$))+/.exec(line)?.[0].match(/-/g) ?? []).length : 0;
    let deepest = flow;
    // Only quotes, escapes, comments and brackets change the state: jump from one to the next.
    SIGNIFICANT.lastIndex = 0;
    for (let match = SIGNIFICANT.exec(line); match; match = SIGNIFICANT.exec(line)) {
      const at = match.index;
      const char = match[0];
      if (quote === '"') {
        if (char === '\\') SIGNIFICANT.lastIndex = at + 2;
        else if (char === '"') quote = undefined;
      } else if (quote === "'") {
        if (char === "'") quote = undefined;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '#' && (at === 0 || /\s/.test(line[at - 1]!))) break;
      else if (char === '[' || char === '{') deepest = Math.max(deepest, ++flow);
      else if ((char === ']' || char === '}') && flow > 0) flow--;
    }
    if (indents.length + dashes + deepest > MAX_NESTING) {
      throw new PolicyCheckError(
        'malformedYaml',
        `${path}:${index + 1}: nested more than ${MAX_NESTING} levels deep; fix: flatten the document (rendered objects nest a few dozen levels)`,
      );
    }
    if (
      flow === 0 &&
      quote === undefined &&
      (line.includes('|') || line.includes('>')) &&
      /(?:^|[\s:-])[|>][-+0-9]*[ \t]*(?:#.*)?$/.test(line)
    )
      blockScalarParent = indent;
  }
}

function assertShallow(path: string, document: InputDocument): void {
  const pending: [unknown, number][] = [[document.value, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_NESTING) {
      throw new PolicyCheckError(
        'malformedYaml',
        `${path}:${document.line}: nested more than ${MAX_NESTING} levels deep; fix: flatten the document (rendered objects nest a few dozen levels)`,
      );
    }
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
}

const tooDeep = (where: string) =>
  new PolicyCheckError(
    'malformedYaml',
    `${where}: nested too deeply to read (the parser ran out of stack); fix: flatten the document (rendered objects nest a few dozen levels)`,
  );

function readPartExactly(
  path: string,
  part: string,
  partOffset: number,
  lineAt: (offset: number) => number,
  onlyPart: boolean,
): InputDocument[] {
  const lineText = (offset: number): string => {
    const start = part.lastIndexOf('\n', offset - 1) + 1;
    const end = part.indexOf('\n', offset);
    return part.slice(start, end === -1 ? part.length : end);
  };
  const refuse = (offset: number, message: string) => {
    const where = `${path}:${lineAt(partOffset + offset)}`;
    // Helm/Go template actions turn into parse errors or mappings used as keys: name them for what they are.
    if (lineText(offset).includes('{{')) {
      return new PolicyCheckError(
        'notPlainInput',
        `${where}: unrendered template syntax ({{ … }}); fix: check the rendered output (helm template, npm run render), not the template`,
      );
    }
    if (/call stack/i.test(message)) return tooDeep(where);
    if (/alias count/i.test(message)) {
      return new PolicyCheckError(
        'malformedYaml',
        `${where}: YAML aliases expand more than 100 times (an alias bomb); fix: write the values out, rendered files use no aliases`,
      );
    }
    return new PolicyCheckError(
      'malformedYaml',
      `${where}: malformed YAML: ${message.split('\n')[0]}; fix: correct the file (rendered files come from \`npm run render\`)`,
    );
  };
  let value: unknown;
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(part, {
      version: '1.1',
      customTags: yaml11Tags,
      uniqueKeys: true,
      prettyErrors: false,
      logLevel: 'error',
    });
    const problem = doc.errors[0];
    if (problem) throw refuse(problem.pos[0] ?? 0, problem.message);
    // A mapping or list used as a key: conftest refuses it ("invalid map key"); JavaScript would turn it
    // into a string key (with a warning on stderr).
    let complexKey: number | undefined;
    visit(doc, {
      Pair(_, pair) {
        if (isPair(pair) && isCollection(pair.key)) {
          complexKey = pair.key.range?.[0] ?? 0;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (complexKey !== undefined) throw refuse(complexKey, 'a mapping or list is used as a key');
    try {
      value = doc.toJS({ maxAliasCount: 100 }) ?? null;
    } catch (error) {
      if (error instanceof RangeError) throw error;
      // An alias to no anchor, or more alias expansions than maxAliasCount: reported at the document.
      throw refuse(doc.contents?.range?.[0] ?? 0, (error as Error).message);
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw tooDeep(`${path}:${lineAt(partOffset + contentOffset(part))}`);
  }
  const start = partOffset + (doc.contents?.range?.[0] ?? 0);
  if (onlyPart && Array.isArray(value)) {
    const items = (doc.contents as { items?: { range?: [number, number, number] }[] }).items ?? [];
    return value.map((item, index) => ({ value: item, line: lineAt(partOffset + (items[index]?.range?.[0] ?? 0)) }));
  }
  return [{ value, line: lineAt(start) }];
}

// js-yaml with the plain-scalar tags the exact reader uses (null, bool, int, float of YAML 1.1 as
// configured above), each resolved by the `yaml` library's own test and resolve functions.
const yaml11JsSchema = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: (parseDocument('', { version: '1.1', customTags: yaml11Tags }).schema.tags as ScalarTag[])
    .filter((tag) => tag.default === true && tag.test instanceof RegExp && tag.tag !== 'tag:yaml.org,2002:merge')
    .map(
      (tag, index) =>
        new jsyaml.Type(`tag:go-coffee.policy-check,yaml11:${index}`, {
          kind: 'scalar',
          resolve: (data: string) => tag.test!.test(data),
          construct: (data: string) => {
            const resolved = tag.resolve(data, () => undefined, { intAsBigInt: false } as never);
            return isScalar(resolved) ? resolved.value : resolved;
          },
        }),
    ),
});

/**
 * Parts the quick reader leaves to the exact one, because js-yaml would read them differently or they
 * need the exact reader's guards: anchors, aliases and tags (alias expansion limits), merge keys,
 * directives, complex keys, null keys (js-yaml names them "null", the yaml library "") and `{{` where a
 * flow collection could start (TEMPLATE_AS_COLLECTION). A false alarm (say, `&` inside a string) only
 * costs speed.
 */
const NEEDS_EXACT_READER =
  /^[ \t]*-[ \t]+-(?:\s|$)|(?:^|[\s[{,])[&*!][^\s]|<<|^[ \t]*%|(?:^[ \t]*|[[{,][ \t]*)\?(?:[ \t]|$)|(?:^|[\s{,])(?:~|null|Null|NULL)[ \t]*:/m;

/**
 * Template syntax (`{{ … }}`) where YAML could read it as a flow mapping used as a key: at the start of a
 * line or after `:`, `-`, `?`, `[`, `{` or `,`. There the exact reader refuses it as unrendered template
 * syntax and js-yaml would make a `[object Object]` key of it. Inside a quoted string or after other text
 * (`"{{cloud}}"` in a dashboard, `summary: Pod {{ $labels.pod }}` in an alert) both read the same text.
 */
const TEMPLATE_AS_COLLECTION = /(?:^|[:\-?[{,])[ \t]*\{\{/m;

/** Offset of the line where a part's content starts: after blank and comment lines and a bare `---`. */
function contentOffset(part: string): number {
  let offset = 0;
  while (offset < part.length) {
    const end = part.indexOf('\n', offset);
    const line = part.slice(offset, end === -1 ? part.length : end);
    if (!/^\s*(?:#.*)?$/.test(line) && !/^---\s*(?:#.*)?$/.test(line)) return offset;
    if (end === -1) break;
    offset = end + 1;
  }
  return 0;
}

function readPartQuickly(part: string, onlyPart: boolean): { value: unknown; offset: number } | undefined {
  if (NEEDS_EXACT_READER.test(part) || (part.includes('{{') && TEMPLATE_AS_COLLECTION.test(part))) return undefined;
  let value: unknown;
  try {
    value = jsyaml.load(part, { schema: yaml11JsSchema });
  } catch {
    // Malformed (or merely unusual): the exact reader says which, with its own message and line.
    return undefined;
  }
  // Empty documents and top-level lists: the exact reader knows their lines.
  if (value === null || value === undefined || (onlyPart && Array.isArray(value))) return undefined;
  return { value, offset: contentOffset(part) };
}

export function readInputFile(path: string, locate: LocatePath = here): InputFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(locate(path));
  } catch (error) {
    throw new PolicyCheckError(
      'noInputFiles',
      `${path}: cannot be read (${(error as Error).message}); fix: check the path`,
    );
  }
  return parseInputText(path, decodeInputText(path, bytes));
}

const COMPRESSED: readonly [string, readonly number[]][] = [
  ['gzip-compressed', [0x1f, 0x8b]],
  ['a zip archive', [0x50, 0x4b, 0x03, 0x04]],
  ['bzip2-compressed', [0x42, 0x5a, 0x68]],
  ['xz-compressed', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd-compressed', [0x28, 0xb5, 0x2f, 0xfd]],
];

/**
 * The text of an input file, or a refusal naming file and line: compressed or binary content (control
 * characters YAML and JSON both forbid) and invalid UTF-8 are not rendered manifests.
 */
export function decodeInputText(path: string, bytes: Buffer): string {
  const refuse = (line: number, what: string, fix: string) =>
    new PolicyCheckError('notPlainInput', `${path}:${line}: ${what}; fix: ${fix}`);
  for (const [kind, magic] of COMPRESSED) {
    if (magic.every((byte, index) => bytes[index] === byte))
      throw refuse(1, `${kind} content, not YAML or JSON`, 'pass the rendered files, not an archive');
  }
  // Control bytes are ASCII, which UTF-8 decoding keeps as they are (invalid sequences become U+FFFD, never
  // swallowing a byte below 0x80), so the text shows the same first control byte, after the same newlines.
  const text = bytes.toString('utf8');
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(2, '0');
    throw refuse(
      text.slice(0, control.index).split('\n').length,
      `binary content (control byte 0x${code}), not YAML or JSON`,
      'pass the rendered text files',
    );
  }
  if (!isUtf8(bytes)) {
    let start = 0;
    let line = 1;
    for (let end = bytes.indexOf(0x0a); ; end = bytes.indexOf(0x0a, start)) {
      if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end)) || end === -1) break;
      start = end + 1;
      line++;
    }
    throw refuse(line, 'invalid UTF-8', 're-encode the file as UTF-8');
  }
  return text;
}

/** Control characters YAML and JSON both forbid: C0 but tab, newline and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is its purpose
const CONTROL_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** Cluster folder of a file, as lib.kubernetes.scope computes it in Rego: the path minus its last two segments. */
export function scopeOf(path: string): string {
  const parts = path.split('/');
  return parts.length >= 3 ? parts.slice(0, -2).join('/') : '';
}

/** `apps/v1 Deployment go-coffee/api`, or undefined for documents that are not Kubernetes objects. */
export function objectIdentity(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const object = value as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (typeof object.kind !== 'string' || typeof object.metadata?.name !== 'string') return undefined;
  return describeObject(object);
}

/** Fails when two documents of one scope are the same object (API group, kind, namespace, name). */
export function assertUniqueIdentities(files: readonly InputFile[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const document of file.documents) {
      const identity = objectIdentity(document.value);
      if (!identity) continue;
      const key = `${scopeOf(file.path)}\0${refKey(refOf(document.value as Record<string, unknown>))}`;
      const where = `${file.path}:${document.line}`;
      const previous = seen.get(key);
      if (previous) {
        throw new PolicyCheckError(
          'duplicateIdentity',
          `${where}: ${identity} is also defined at ${previous}; fix: render each object once per cluster folder`,
        );
      }
      seen.set(key, where);
    }
  }
}
