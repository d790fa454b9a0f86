// Reading fields of a rendered manifest that may be absent or of another type: the diagram draws what is there
// and skips the rest, so a missing map reads as empty rather than failing the picture.

export type Loose = Record<string, unknown>;

export const asRecord = (value: unknown): Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {};

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const asString = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

export const stringMap = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(asRecord(value)).map(([k, v]) => [k, asString(v)]));
