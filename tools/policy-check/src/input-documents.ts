// Finds and parses the input files the way conftest does, keeping the line of every document so
// reports can point at the object. conftest's YAML parser splits a file on "\n---\n" and reads each part
// as YAML 1.1 (yes/on → true, 0777 octal), keeps empty parts as null, and treats a top-level list as
// several documents; this module reproduces that so both tools see identical inputs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { isScalar, parseDocument, type ScalarTag, type Tags } from 'yaml';
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

/** Files under the given paths (files as given, directories walked in lexical order), like conftest. */
export function collectInputPaths(paths: readonly string[], locate: LocatePath = here): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(locate(dir)).sort()) {
      const child = join(dir, name);
      if (statSync(locate(child)).isDirectory()) walk(child);
      else if (INPUT_EXTENSIONS.some((extension) => name.endsWith(extension))) files.push(child);
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(locate(path)).isDirectory();
    } catch {
      throw new PolicyCheckError(
        'noInputFiles',
        `${path}: no such file or directory; fix: pass the rendered tree, e.g. gitops/`,
      );
    }
    if (isDirectory) walk(path);
    else files.push(path);
  }
  if (files.length === 0) {
    throw new PolicyCheckError(
      'noInputFiles',
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
  return { path, documents };
}

function readPartExactly(
  path: string,
  part: string,
  partOffset: number,
  lineAt: (offset: number) => number,
  onlyPart: boolean,
): InputDocument[] {
  const doc = parseDocument(part, { version: '1.1', customTags: yaml11Tags, uniqueKeys: true, prettyErrors: false });
  const malformed = (offset: number, message: string) =>
    new PolicyCheckError(
      'malformedYaml',
      `${path}:${lineAt(partOffset + offset)}: malformed YAML: ${message.split('\n')[0]}; fix: correct the file (rendered files come from \`npm run render\`)`,
    );
  const problem = doc.errors[0];
  if (problem) throw malformed(problem.pos[0] ?? 0, problem.message);
  const start = partOffset + (doc.contents?.range?.[0] ?? 0);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? null;
  } catch (error) {
    // An alias to no anchor, or more alias expansions than maxAliasCount: reported at the document.
    throw malformed(start - partOffset, (error as Error).message);
  }
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
 * directives, complex keys, and null keys (js-yaml names them "null", the yaml library ""). A false
 * alarm (say, `&` inside a string) only costs speed.
 */
const NEEDS_EXACT_READER =
  /^[ \t]*-[ \t]+-(?:\s|$)|(?:^|[\s[{,])[&*!][^\s]|<<|^[ \t]*%|(?:^[ \t]*|[[{,][ \t]*)\?(?:[ \t]|$)|(?:^|[\s{,])(?:~|null|Null|NULL)[ \t]*:/m;

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
  if (NEEDS_EXACT_READER.test(part)) return undefined;
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
  let text: string;
  try {
    text = readFileSync(locate(path), 'utf8');
  } catch (error) {
    throw new PolicyCheckError(
      'noInputFiles',
      `${path}: cannot be read (${(error as Error).message}); fix: check the path`,
    );
  }
  return parseInputText(path, text);
}

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
  const namespace = typeof object.metadata.namespace === 'string' ? `${object.metadata.namespace}/` : '';
  return `${String(object.apiVersion ?? '')} ${object.kind} ${namespace}${object.metadata.name}`;
}

/** Fails when two documents of one scope are the same object (API group, kind, namespace, name). */
export function assertUniqueIdentities(files: readonly InputFile[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const document of file.documents) {
      const identity = objectIdentity(document.value);
      if (!identity) continue;
      const [apiVersion = '', ...rest] = identity.split(' ');
      const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
      const key = `${scopeOf(file.path)}\0${group}\0${rest.join(' ')}`;
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
