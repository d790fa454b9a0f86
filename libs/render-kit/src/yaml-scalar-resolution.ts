// Which plain scalars mean the same thing to every YAML reader. Rendered files are read by YAML 1.2 readers
// (the `yaml` package, our tools) and by YAML 1.1 readers (go-yaml inside kubectl and Argo CD, PyYAML-based
// linters). A plain `yes`, `2025-01-01`, `0755`, `1:30` or `=` is a string to one and a boolean, timestamp,
// octal, sexagesimal number or an unconstructible `value` node to the other, so the manifest writer quotes
// every string whose plain form either schema would resolve to something else.
import { parse, type ParseOptions, type DocumentOptions, type SchemaOptions } from 'yaml';

/** Stand-in for YAML 1.1's `value` type: the `yaml` package does not know `=`; PyYAML resolves it and then fails. */
export const YAML_1_1_VALUE_NODE = Symbol('yaml-1.1-value');

/** How a YAML 1.1 reader resolves plain scalars: the 1.1 schema of the `yaml` package plus the `=` value type. */
export const YAML_1_1_READER: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags) => [
    ...tags,
    {
      tag: 'tag:yaml.org,2002:value',
      default: true,
      test: /^=$/,
      identify: () => false,
      resolve: () => YAML_1_1_VALUE_NODE,
    },
  ],
};

function resolvesToOtherScalar(value: unknown): boolean {
  return value === null || value instanceof Date || ['boolean', 'number', 'bigint', 'symbol'].includes(typeof value);
}

const verdicts = new Map<string, boolean>();

/** A letter, then letters, digits and `_./-`: the shape of most names, labels and paths in a manifest. */
export const NAME_LIKE = /^[A-Za-z][A-Za-z0-9_./-]*$/;
/** The `yaml` package's YAML 1.1 float lets the digits before an exponent go: it reads `e10` as a number. */
const EXPONENT_ONLY = /^[eE][-+]?[0-9]/;
/** Plain words a YAML 1.1 or 1.2 reader resolves to a boolean or null, in any case form. */
const WORDS_READ_AS_OTHER_TYPES = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);

function plainReadsAs(text: string, options?: ParseOptions & DocumentOptions & SchemaOptions): unknown {
  try {
    return parse(text, options);
  } catch {
    // Not valid as a plain scalar at all: the writer quotes it for syntax already.
    return text;
  }
}

/**
 * True when `text`, written as a plain (unquoted) scalar, reads back as a string under both YAML 1.1 and YAML 1.2. Multi-line text is written as a block scalar, where no type resolution happens.
 */
export function plainScalarIsPortable(text: string): boolean {
  if (text.includes('\n')) return true;
  // Most strings of a manifest are names, labels and paths: a letter first, then only letters, digits and
  // `-_./`. Of those, a reader resolves only the boolean and null words and (the `yaml` package's YAML 1.1)
  // an exponent alone to another type; everything else is resolved by both readers below
  // (yaml-scalar-resolution.test.ts holds the shortcut to their verdicts).
  if (NAME_LIKE.test(text) && !EXPONENT_ONLY.test(text) && !WORDS_READ_AS_OTHER_TYPES.has(text.toLowerCase()))
    return true;
  let verdict = verdicts.get(text);
  if (verdict === undefined) {
    verdict = readsAsStringInBothVersions(text);
    verdicts.set(text, verdict);
  }
  return verdict;
}

/** The verdict by parsing `text` as a plain scalar with a YAML 1.2 and a YAML 1.1 reader (no shortcut). */
export function readsAsStringInBothVersions(text: string): boolean {
  // Only scalar types matter: text that reads as a collection or not at all (`[a]`, `a: b`, ` x`) is not a
  // plain scalar syntactically, and the writer quotes it for that reason already.
  return !resolvesToOtherScalar(plainReadsAs(text)) && !resolvesToOtherScalar(plainReadsAs(text, YAML_1_1_READER));
}
