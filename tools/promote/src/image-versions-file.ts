// Edits an environment's image versions file (environments/images/<env>.yaml: service → tag) through
// the `yaml` Document API, so comments, blank lines and key order survive: only the tag scalars change.
import { isMap, isScalar, parseDocument } from 'yaml';

export class ImageVersionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageVersionsError';
  }
}

/** service → tag, as the file states them. */
export function readImageTags(text: string, file: string): Map<string, string> {
  const document = parseDocument(text);
  if (document.errors.length > 0)
    throw new ImageVersionsError(`${file}: ${document.errors[0]!.message}; fix: correct the YAML`);
  if (!isMap(document.contents)) throw new ImageVersionsError(`${file}: expected a mapping of service to image tag`);
  const tags = new Map<string, string>();
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value))
      throw new ImageVersionsError(`${file}: every entry must be "<service>: <tag>"`);
    tags.set(String(pair.key.value), String(pair.value.value));
  }
  return tags;
}

/** Sets the tags of existing services; the value node is kept so a comment on its line stays. */
export function setImageTags(text: string, file: string, updates: ReadonlyMap<string, string>): string {
  const document = parseDocument(text);
  readImageTags(text, file);
  for (const [service, tag] of updates) {
    const node = document.get(service, true);
    if (!isScalar(node))
      throw new ImageVersionsError(`${file}: no entry for ${service}; fix: add "${service}: <tag>" to the file first`);
    node.value = tag;
  }
  return document.toString({ lineWidth: 0 });
}
