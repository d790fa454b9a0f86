// Finds and parses the input files the way conftest does, keeping the line of every document so
// reports can point at the object. conftest's YAML parser splits a file on "\n---\n" and reads each part
// as YAML 1.1 (yes/on → true, 0777 octal), keeps empty parts as null, and treats a top-level list as
// several documents; this module reproduces that so both tools see identical inputs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Tags } from 'yaml';
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

/** Files under the given paths (files as given, directories walked in lexical order), like conftest. */
export function collectInputPaths(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const child = join(dir, name);
      if (statSync(child).isDirectory()) walk(child);
      else if (INPUT_EXTENSIONS.some((extension) => name.endsWith(extension))) files.push(child);
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
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

/** Parses one file's text into conftest's documents. Throws PolicyCheckError('malformedYaml') with file and line. */
export function parseInputText(path: string, text: string): InputFile {
  const parts = text.split('\n---\n');
  const documents: InputDocument[] = [];
  let partOffset = 0;
  const lineAt = lineLocator(text);
  for (const part of parts) {
    const doc = parseDocument(part, { version: '1.1', customTags: yaml11Tags, uniqueKeys: true, prettyErrors: false });
    const problem = doc.errors[0];
    if (problem) {
      const line = lineAt(partOffset + (problem.pos[0] ?? 0));
      throw new PolicyCheckError(
        'malformedYaml',
        `${path}:${line}: malformed YAML: ${problem.message.split('\n')[0]}; fix: correct the file (rendered files come from \`npm run render\`)`,
      );
    }
    const start = partOffset + (doc.contents?.range?.[0] ?? 0);
    const value = (doc.toJS({ maxAliasCount: 100 }) ?? null) as unknown;
    if (parts.length === 1 && Array.isArray(value)) {
      const items = (doc.contents as { items?: { range?: [number, number, number] }[] }).items ?? [];
      value.forEach((item, index) =>
        documents.push({ value: item, line: lineAt(partOffset + (items[index]?.range?.[0] ?? 0)) }),
      );
    } else {
      documents.push({ value, line: lineAt(start) });
    }
    partOffset += part.length + '\n---\n'.length;
  }
  return { path, documents };
}

export function readInputFile(path: string): InputFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
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
