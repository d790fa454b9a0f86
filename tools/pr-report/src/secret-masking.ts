// Secrets never reach a report in clear text, not even base64. Each value under `data` and
// `stringData` of a Secret is replaced by a marker that tells a reviewer only whether it changed
// relative to the base side: no hash either, since a hash of a short value can be brute-forced.
import { isMap, isScalar, parseAllDocuments, type Document } from 'yaml';

export const MASKED = '<masked>';
export const MASKED_CHANGED = '<masked:changed>';
const SECRET_FIELDS = ['data', 'stringData'] as const;

type Parsed = Document.Parsed;

/** `namespace/name` of a Secret document: which earlier values a changed Secret is compared with. */
const namespacedNameOf = (document: Parsed): string =>
  `${String(document.getIn(['metadata', 'namespace']) ?? '')}/${String(document.getIn(['metadata', 'name']) ?? '')}`;

function secretValues(document: Parsed): Map<string, [field: string, key: string, value: string]> {
  const values = new Map<string, [string, string, string]>();
  if (document.get('kind') !== 'Secret') return values;
  for (const field of SECRET_FIELDS) {
    const map = document.get(field);
    if (!isMap(map)) continue;
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const value = isScalar(pair.value) ? String(pair.value.value) : JSON.stringify(pair.value);
      values.set(`${namespacedNameOf(document)}|${field}|${key}`, [field, key, value]);
    }
  }
  return values;
}

/**
 * Returns `text` with every Secret value masked. Pass `base` (the same file on the base side) when
 * masking the head side: values that differ from the base become `<masked:changed>`, so a diff of the
 * masked base against the masked head shows which keys changed and nothing else. Files without a
 * Secret come back unchanged, byte for byte.
 */
export function maskSecrets(text: string, base?: string): string {
  const documents = parseAllDocuments(text);
  if (!documents.some((document) => document.get('kind') === 'Secret')) return text;
  const baseValues = new Map<string, string>();
  for (const document of base === undefined ? [] : parseAllDocuments(base)) {
    for (const [id, [, , value]] of secretValues(document)) baseValues.set(id, value);
  }
  return documents
    .map((document) => {
      for (const [id, [field, key, value]] of secretValues(document)) {
        const previous = baseValues.get(id);
        document.setIn([field, key], previous !== undefined && previous !== value ? MASKED_CHANGED : MASKED);
      }
      return document.toString({ lineWidth: 0 });
    })
    .join('---\n');
}
