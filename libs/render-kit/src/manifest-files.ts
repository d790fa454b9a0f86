// File names and bytes of rendered objects: `<kind>-<namespace>-<name>.yaml` (cluster-scoped objects have no
// namespace segment), lowercase, keys sorted, trailing newline. The same object always yields the same bytes.
import { Document, Scalar, visit } from 'yaml';
import type { Manifest } from '@go-coffee/kube-objects';
import { writeManifestYaml } from './manifest-yaml-writer';
import { plainScalarIsPortable } from './yaml-scalar-resolution';

export function manifestFileName(manifest: Manifest): string {
  const parts = [manifest.kind, manifest.metadata.namespace, manifest.metadata.name].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return `${parts.join('-').toLowerCase()}.yaml`;
}

/**
 * YAML with every mapping's keys sorted; list order is kept because it is meaningful. A string that a YAML 1.1
 * or 1.2 reader would resolve to another type when plain (`yes`, `2025-01-01`, `=`, `0755`) is double-quoted.
 */
export function serializeManifest(manifest: Manifest): string {
  // The direct writer covers plain JSON-like data (every rendered object) several times faster; it declines
  // anything it is not certain to write byte-for-byte as the Document path below, which stays the reference.
  return writeManifestYaml(manifest) ?? serializeManifestThroughDocument(manifest);
}

/** serializeManifest through the `yaml` package's Document: the reference the direct writer must match. */
export function serializeManifestThroughDocument(manifest: Manifest): string {
  // A string a reader would misread is handed to the writer as a double-quoted scalar node inside a copy of
  // the data, found by a walk over plain values; visiting the finished document's nodes instead costs several
  // times more, and a fleet writes tens of thousands of objects. A key that needs quoting (no rendered object
  // has one) takes the general path.
  const prepared = quoteMisreadStrings(manifest);
  const document = new Document(prepared ?? manifest, { sortMapEntries: true, aliasDuplicateObjects: false });
  if (prepared === undefined)
    visit(document, {
      Scalar(_, node) {
        if (typeof node.value === 'string' && !plainScalarIsPortable(node.value)) node.type = Scalar.QUOTE_DOUBLE;
      },
    });
  const text = document.toString({ lineWidth: 0 });
  return text.endsWith('\n') ? text : `${text}\n`;
}

const KEY_NEEDS_QUOTES = Symbol('key needs quotes');

/** `value` with each misread string as a double-quoted Scalar node (the input itself when it has none). */
function quoteMisreadStrings(value: unknown): unknown {
  try {
    return quoted(value);
  } catch (error) {
    if (error === KEY_NEEDS_QUOTES) return undefined;
    throw error;
  }
}

function quoted(value: unknown): unknown {
  if (typeof value === 'string') {
    if (plainScalarIsPortable(value)) return value;
    const node = new Scalar(value);
    node.type = Scalar.QUOTE_DOUBLE;
    return node;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = quoted(value[i]);
      if (item !== value[i]) (copy ??= [...value])[i] = item;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    if (!plainScalarIsPortable(key)) throw KEY_NEEDS_QUOTES;
    const child = (value as Record<string, unknown>)[key];
    const item = quoted(child);
    if (item !== child) (copy ??= { ...(value as Record<string, unknown>) })[key] = item;
  }
  return copy ?? value;
}
