// JSON text with object keys sorted at every level, so the same value always yields the same bytes no
// matter in which order code assembled it (array order is kept: it is meaningful).

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeysDeep((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Pretty-printed (2 spaces) JSON with sorted keys and a trailing newline. */
export function sortedJson(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}
