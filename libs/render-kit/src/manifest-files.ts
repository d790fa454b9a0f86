// File names and bytes of rendered objects: `<kind>-<namespace>-<name>.yaml` (cluster-scoped objects have no
// namespace segment), lowercase, keys sorted, trailing newline. The same object always yields the same bytes.
import { Document, Scalar, visit } from 'yaml';
import type { Manifest } from '@go-coffee/kube-objects';
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
  const document = new Document(manifest, { sortMapEntries: true, aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && !plainScalarIsPortable(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const text = document.toString({ lineWidth: 0 });
  return text.endsWith('\n') ? text : `${text}\n`;
}
