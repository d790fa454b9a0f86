// Whether a YAML 1.1 reader and a YAML 1.2 reader see the same values in a file. The 1.2 reader is the `yaml`
// package's core schema (what our tools use); the 1.1 reader is the same package's YAML 1.1 schema, which
// resolves the whole 1.1 scalar repertoire (y/yes/on booleans, 0-prefixed octals, base-60 numbers,
// timestamps, `~`), plus YAML 1.1's `=` value type that PyYAML resolves and cannot construct.
import { parseAllDocuments } from 'yaml';
import { YAML_1_1_READER } from '@go-coffee/render-kit';

export interface ReaderDisagreement {
  /** JSON path inside the document, e.g. `$[0].spec.route.matchers[0].matchType`. */
  readonly path: string;
  readonly yaml11: string;
  readonly yaml12: string;
}

function describeValue(value: unknown): string {
  if (value instanceof Date) return `timestamp ${value.toISOString()}`;
  if (typeof value === 'symbol') return `YAML 1.1 ${value.description ?? 'symbol'} node`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function compare(a: unknown, b: unknown, path: string, out: ReaderDisagreement[]): void {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, index) => compare(item, b[index], `${path}[${index}]`, out));
    return;
  }
  const isMap = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
  if (isMap(a) && isMap(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) compare(a[key], b[key], `${path}.${key}`, out);
    return;
  }
  if (Object.is(a, b)) return;
  out.push({ path, yaml11: describeValue(a), yaml12: describeValue(b) });
}

/** Every value the two readers read differently in `text` (all its documents), in document order. */
export function yamlReaderDisagreements(text: string): ReaderDisagreement[] {
  const read = (options?: typeof YAML_1_1_READER) =>
    parseAllDocuments(text, options).map((document) => {
      if (document.errors.length > 0) return { error: document.errors[0]!.message.split('\n')[0] };
      return document.toJS();
    });
  const out: ReaderDisagreement[] = [];
  compare(read(YAML_1_1_READER), read(), '$', out);
  return out;
}
