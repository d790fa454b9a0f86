// Builds the policy gate: `opa build -t wasm` of policies/ (tests excluded) into dist/policies/bundle.tar.gz,
// plus dist/policies/policy-index.json listing each package's verdict rules as OPA parses them (conftest
// counts rule statements, which the WASM cannot tell). The index records the bundle's sha256, so a stale
// pair is refused at load. Prerequisite: `npm run toolchain` (opa in .tools/bin). Run: `npx nx run policies:build`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolPath, workspaceRoot } from '@go-coffee/toolchain';
import { isVerdictRule } from './conftest-results';

export interface PolicyIndex {
  readonly bundleSha256: string;
  /** Package → verdict rule names (sorted, unique) and the number of verdict rule statements. */
  readonly namespaces: Record<string, { readonly verdictRules: string[]; readonly definitions: number }>;
}

interface ParsedModule {
  package: { path: { value: string }[] };
  rules?: { head: { name?: string; ref?: { value: string }[] } }[];
}

function regoSources(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...regoSources(path));
    else if (name.endsWith('.rego') && !name.endsWith('_test.rego')) files.push(path);
  }
  return files;
}

export interface BuildPolicyBundleOptions {
  /** @default the workspace root */
  readonly root?: string;
  /** Folder of Rego sources and data.yaml. @default <root>/policies */
  readonly policyDir?: string;
  /** @default <root>/dist/policies */
  readonly outDir?: string;
}

export function buildPolicyBundle(options: BuildPolicyBundleOptions = {}): PolicyIndex {
  const root = options.root ?? workspaceRoot();
  const opa = toolPath('opa', root);
  const policyDir = options.policyDir ?? join(root, 'policies');
  const outDir = options.outDir ?? join(root, 'dist', 'policies');
  mkdirSync(outDir, { recursive: true });
  const bundlePath = join(outDir, 'bundle.tar.gz');
  execFileSync(
    opa,
    ['build', '-t', 'wasm', '--ignore', '*_test.rego', '--ignore', 'samples', '-o', bundlePath, policyDir],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const namespaces: Record<string, { verdictRules: string[]; definitions: number }> = {};
  for (const file of regoSources(policyDir)) {
    const parsed = JSON.parse(
      execFileSync(opa, ['parse', '--format', 'json', file], { cwd: root, encoding: 'utf8' }),
    ) as ParsedModule;
    const namespace = parsed.package.path
      .slice(1)
      .map((term) => term.value)
      .join('.');
    const entry = (namespaces[namespace] ??= { verdictRules: [], definitions: 0 });
    for (const rule of parsed.rules ?? []) {
      const name = rule.head.name ?? rule.head.ref?.[0]?.value ?? '';
      if (!isVerdictRule(name)) continue;
      entry.definitions++;
      if (!entry.verdictRules.includes(name)) entry.verdictRules.push(name);
    }
    entry.verdictRules.sort();
  }
  const sorted = Object.fromEntries(Object.entries(namespaces).sort(([a], [b]) => a.localeCompare(b)));
  const index: PolicyIndex = {
    bundleSha256: createHash('sha256').update(readFileSync(bundlePath)).digest('hex'),
    namespaces: sorted,
  };
  writeFileSync(join(outDir, 'policy-index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const index = buildPolicyBundle();
  process.stdout.write(
    `policies: built dist/policies/bundle.tar.gz (${Object.keys(index.namespaces).length} packages)\n`,
  );
}
