// Test fixtures live in `test-support/` folders, which nx.json leaves out of the `production` input: a
// production module that imported one would ship test code and dodge the cache keys of its dependants.
// So no public entry re-exports them and no production module (tests and benchmarks aside) imports them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';

const root = workspaceRoot();
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'gitops', 'test-support', 'bench']);

function productionSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : productionSources(path);
    const production = entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts');
    return production && !entry.name.startsWith('bench-') ? [relative(root, path)] : [];
  });
}

const TEST_SUPPORT_IMPORT = /from '[^']*test-support[^']*'/;

describe('test-support modules', () => {
  const sources = ['apps', 'libs', 'tools'].flatMap((top) => productionSources(join(root, top)));

  it('are found by the scan (a scan that sees nothing proves nothing)', () => {
    expect(sources).toContain('libs/environments/src/index.ts');
    expect(sources).not.toContain('libs/environments/test-support/test-cluster-context.ts');
  });

  it('are imported by no production module', () => {
    const offenders = sources.filter((file) => TEST_SUPPORT_IMPORT.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders, 'move the import into a test or a test-support module').toStrictEqual([]);
  });

  it("are not re-exported under a test name from any library's public entry", () => {
    const entries = readdirSync(join(root, 'libs')).map((lib) => join('libs', lib, 'src', 'index.ts'));
    expect(entries).toContain('libs/environments/src/index.ts');
    const testNames = entries.flatMap((entry) =>
      [...readFileSync(join(root, entry), 'utf8').matchAll(/\b(test[A-Z]\w*|TEST_\w+)\b/g)].map(
        ([name]) => `${entry}: ${name}`,
      ),
    );
    expect(testNames, 'export fixtures from <lib>/test-support/ instead').toStrictEqual([]);
  });
});
