// CODEOWNERS as GitHub reads it, for the test that keeps it and branch protection in agreement: which
// file GitHub uses, its rules (gitignore-style patterns, the last matching rule wins) and the owners of
// a path. GATE_PATHS is the list of what the gate consists of: anything there must have code owners.

/** What decides whether a change may deploy; each entry is a file or a folder (trailing slash). */
export const GATE_PATHS = [
  '.github/',
  'tools/ci/',
  'package.json',
  // Infers every area's `policy` target (the apps have no project.json).
  'tools/nx-plugin/',
  'policies/',
  'tools/policy-check/',
  'libs/policy-baseline/',
  'tools/render/',
  'libs/render-kit/',
] as const;

/** Where GitHub looks for CODEOWNERS, in order; the first one found is the only one used. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export interface CodeOwnersRule {
  readonly line: number;
  readonly pattern: string;
  readonly owners: readonly string[];
  readonly matches: (path: string) => boolean;
}

function patternRegExp(pattern: string): RegExp {
  const directory = pattern.endsWith('/');
  const body = pattern.replace(/^\//, '').replace(/\/$/, '');
  // A slash at the start or in the middle anchors the pattern at the repository root.
  const anchored = pattern.startsWith('/') || body.includes('/');
  const source = body
    .split(/(\*\*\/|\/\*\*|\*|\?)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '/**') return '/.*';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  // A pattern naming a file or folder also matches everything below it; `dir/*` matches one level only.
  const below = directory ? '/.*' : body.endsWith('*') && !body.endsWith('**') ? '' : '(?:/.*)?';
  return new RegExp(`${anchored ? '^' : '^(?:.*/)?'}${source}${below}$`);
}

export function parseCodeOwners(text: string): CodeOwnersRule[] {
  const rules: CodeOwnersRule[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const [pattern, ...owners] = line.split(/\s+/);
    const regExp = patternRegExp(pattern!);
    rules.push({ line: index + 1, pattern: pattern!, owners, matches: (path) => regExp.test(path) });
  });
  return rules;
}

/** The owners of a repository-relative path: those of the last matching rule ([] when none matches). */
export function ownersOf(rules: readonly CodeOwnersRule[], path: string): readonly string[] {
  let owners: readonly string[] = [];
  for (const rule of rules) if (rule.matches(path)) owners = rule.owners;
  return owners;
}
