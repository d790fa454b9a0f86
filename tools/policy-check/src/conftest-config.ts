// The repository's conftest.toml: the settings conftest reads from its working directory, read here too,
// so a bare `conftest test gitops` and a bare `policy-check gitops` check the same policies, data and
// namespaces. Command-line flags override it. policy-check refuses keys it does not honour (a setting
// that silently meant something else to one of the two tools would make their verdicts differ).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { PolicyCheckError } from './policy-check-error';

export const CONFTEST_CONFIG_FILE = 'conftest.toml';

export interface ConftestConfig {
  /** Folders of Rego sources (conftest --policy); the bundle is built from them. @default ['policy'] */
  readonly policy?: readonly string[];
  /** Data files (conftest --data); the bundle's data.json holds exactly these. */
  readonly data?: readonly string[];
  /** conftest --namespace globs. */
  readonly namespace?: readonly string[];
  /** conftest --all-namespaces. */
  readonly allNamespaces?: boolean;
  /** conftest --fail-on-warn. */
  readonly failOnWarn?: boolean;
  /** conftest --output. */
  readonly output?: string;
}

type Kind = 'strings' | 'boolean' | 'string';

// conftest's flag names, as its configuration file spells them.
const KEYS: Record<string, [keyof ConftestConfig, Kind]> = {
  policy: ['policy', 'strings'],
  data: ['data', 'strings'],
  namespace: ['namespace', 'strings'],
  'all-namespaces': ['allNamespaces', 'boolean'],
  'fail-on-warn': ['failOnWarn', 'boolean'],
  output: ['output', 'string'],
};

// Keys that only change how conftest prints, not what it decides.
const PRESENTATION_KEYS = new Set(['no-color']);

/** The conftest.toml in dir, or undefined when there is none. Throws PolicyCheckError('usage') when it is unusable. */
export function readConftestConfig(dir: string): ConftestConfig | undefined {
  const file = join(dir, CONFTEST_CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  const refuse = (problem: string) =>
    new PolicyCheckError(
      'usage',
      `${file}: ${problem}; fix: correct ${CONFTEST_CONFIG_FILE} (see tools/policy-check/README.md)`,
    );
  let table: Record<string, unknown>;
  try {
    table = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw refuse(`not valid TOML (${(error as Error).message.split('\n')[0]})`);
  }
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(table)) {
    if (PRESENTATION_KEYS.has(key)) continue;
    const known = KEYS[key];
    if (!known) {
      throw refuse(`key ${key} is not supported by policy-check (it honours ${Object.keys(KEYS).join(', ')})`);
    }
    const [name, kind] = known;
    // conftest accepts a single string where it takes a list.
    const normalized = kind === 'strings' && typeof value === 'string' ? [value] : value;
    const valid =
      kind === 'strings'
        ? Array.isArray(normalized) &&
          normalized.length > 0 &&
          normalized.every((item) => typeof item === 'string' && item !== '')
        : kind === 'boolean'
          ? typeof normalized === 'boolean'
          : typeof normalized === 'string' && normalized !== '';
    if (!valid) throw refuse(`${key} must be ${kind === 'strings' ? 'a non-empty list of strings' : `a ${kind}`}`);
    config[name] = normalized;
  }
  return config as ConftestConfig;
}
