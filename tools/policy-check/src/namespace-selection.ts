// Which policy namespaces (Rego packages) a run evaluates, and how. Packages under `combined` run once
// over all documents in conftest's --combine input shape; every other package runs once per document.
import { PolicyCheckError } from './policy-check-error';

export const PER_DOCUMENT_ENTRYPOINT = 'main';
export const COMBINED_ENTRYPOINT = 'combined';

export function isCombinedNamespace(namespace: string): boolean {
  return namespace === COMBINED_ENTRYPOINT || namespace.startsWith(`${COMBINED_ENTRYPOINT}.`);
}

/** conftest's --namespace globs: `*` matches any run of characters including dots, `?` one, `[...]` a class. */
export function namespaceGlob(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = pattern.indexOf(']', index + 1);
      if (end === -1) throw new PolicyCheckError('usage', `--namespace ${pattern}: unterminated [ in glob`);
      source += `[${pattern
        .slice(index + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')}]`;
      index = end;
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function selectNamespaces(
  available: readonly string[],
  patterns: readonly string[],
  allNamespaces: boolean,
): string[] {
  if (allNamespaces) return [...available];
  const globs = patterns.map(namespaceGlob);
  return available.filter((namespace) => globs.some((glob) => glob.test(namespace)));
}

/** Whether a namespace lives under an entrypoint the WASM can evaluate. */
export function entrypointOf(namespace: string): string | undefined {
  const root = namespace.split('.')[0];
  return root === PER_DOCUMENT_ENTRYPOINT || root === COMBINED_ENTRYPOINT ? root : undefined;
}

/** The value of `namespace` inside the value of its entrypoint package. */
const segmentsOf = new Map<string, readonly string[]>();

export function packageValue(entrypointValue: unknown, namespace: string): unknown {
  let segments = segmentsOf.get(namespace);
  if (!segments) segmentsOf.set(namespace, (segments = namespace.split('.').slice(1)));
  let value = entrypointValue;
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
