// Builds the policy gate: `opa build -t wasm` of the Rego sources and data files conftest.toml names
// (`policy` folders without their *_test.rego files and samples, exactly the `data` files: nothing else
// under policies/, such as its Nx project.json, reaches the bundle's data.json) into
// dist/policies/bundle.tar.gz, plus dist/policies/policy-index.json listing each package's verdict rules as OPA parses them (conftest
// counts rule statements, which the WASM cannot tell). The index records the bundle's sha256, so a stale
// pair is refused at load. The bundle also holds the generated verdict entrypoints (verdict-entrypoints.ts),
// written beside it as `verdicts-<root>.rego`. Prerequisite: `npm run toolchain` (opa in .tools/bin).
// Run: `npx nx run policies:build`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolPath, workspaceRoot } from '@go-coffee/toolchain';
import { readConftestConfig } from './conftest-config';
import { isVerdictRule } from './conftest-results';
import { COMBINED_ENTRYPOINT, PER_DOCUMENT_ENTRYPOINT } from './namespace-selection';
import { PolicyCheckError } from './policy-check-error';
import { verdictEntrypoint, verdictEntrypointModule, type VerdictRuleRef } from './verdict-entrypoints';

/** What a verdict rule's METADATA says about it, for reports (SARIF rule properties). */
export interface RuleAnnotation {
  readonly title?: string;
  /** `custom` of the METADATA, e.g. `{pss_level: 'baseline', pss_control: 'Host Ports'}`. */
  readonly custom?: Readonly<Record<string, unknown>>;
}

export interface PolicyIndex {
  readonly bundleSha256: string;
  /**
   * Package → verdict rule names (sorted, unique), the number of verdict rule statements, and the METADATA
   * of the rules that have one.
   */
  readonly namespaces: Record<
    string,
    {
      readonly verdictRules: string[];
      readonly definitions: number;
      readonly annotations?: Record<string, RuleAnnotation>;
    }
  >;
  /**
   * Root package (`main`, `combined`) → the generated entrypoint holding its verdict and exception rules;
   * a root without any such rule has none.
   */
  readonly verdictEntrypoints: Record<string, string>;
}

interface ParsedModule {
  package: { path: { value: string }[] };
  rules?: { head: { name?: string; ref?: { value: string }[]; args?: unknown[] }; annotations?: RuleAnnotation[] }[];
}

function regoSources(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'samples') files.push(...regoSources(path));
    } else if (name.endsWith('.rego') && !name.endsWith('_test.rego')) files.push(path);
  }
  return files;
}

export interface BuildPolicyBundleOptions {
  /** @default the workspace root */
  readonly root?: string;
  /**
   * Folder of Rego sources with its data.yaml, instead of the `policy` and `data` of <root>/conftest.toml
   * (tests build variants of the policies this way).
   */
  readonly policyDir?: string;
  /** @default <root>/dist/policies */
  readonly outDir?: string;
}

export function buildPolicyBundle(options: BuildPolicyBundleOptions = {}): PolicyIndex {
  const root = options.root ?? workspaceRoot();
  const opa = toolPath('opa', root);
  const { policyDirs, dataFiles } = bundleSources(root, options.policyDir);
  const outDir = options.outDir ?? join(root, 'dist', 'policies');
  mkdirSync(outDir, { recursive: true });
  const bundlePath = join(outDir, 'bundle.tar.gz');
  const sources = policyDirs.flatMap(regoSources);
  // Files, not folders: opa build would load every .json/.yaml under a folder as data.
  // Paths relative to the workspace, so the bundle names no absolute path.
  const relativeTo = (path: string) => relative(root, path) || '.';
  const namespaces: Record<
    string,
    { verdictRules: string[]; definitions: number; annotations?: Record<string, RuleAnnotation> }
  > = {};
  // What the generated entrypoints copy: verdict rules and `exception`, never functions (no data value).
  const copied: VerdictRuleRef[] = [];
  for (const file of sources) {
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
      if ((isVerdictRule(name) || name === 'exception') && (rule.head.args ?? []).length === 0)
        copied.push({ namespace, rule: name });
      if (!isVerdictRule(name)) continue;
      entry.definitions++;
      if (!entry.verdictRules.includes(name)) entry.verdictRules.push(name);
      const annotation = rule.annotations?.[0];
      if (annotation && (annotation.title !== undefined || annotation.custom !== undefined)) {
        (entry.annotations ??= {})[name] = {
          ...(annotation.title !== undefined ? { title: annotation.title } : {}),
          ...(annotation.custom !== undefined ? { custom: annotation.custom } : {}),
        };
      }
    }
    entry.verdictRules.sort();
  }
  const verdictEntrypoints: Record<string, string> = {};
  const generated: string[] = [];
  for (const entrypointRoot of [PER_DOCUMENT_ENTRYPOINT, COMBINED_ENTRYPOINT]) {
    const module = verdictEntrypointModule(entrypointRoot, copied);
    const file = join(outDir, `verdicts-${entrypointRoot}.rego`);
    if (module === undefined) {
      rmSync(file, { force: true });
      continue;
    }
    writeFileSync(file, module);
    generated.push(file);
    verdictEntrypoints[entrypointRoot] = verdictEntrypoint(entrypointRoot);
  }
  execFileSync(
    opa,
    ['build', '-t', 'wasm', '-o', bundlePath, ...[...sources, ...generated, ...dataFiles].map(relativeTo)],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const sorted = Object.fromEntries(Object.entries(namespaces).sort(([a], [b]) => a.localeCompare(b)));
  const index: PolicyIndex = {
    bundleSha256: createHash('sha256').update(readFileSync(bundlePath)).digest('hex'),
    namespaces: sorted,
    verdictEntrypoints,
  };
  writeFileSync(join(outDir, 'policy-index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

/** Rego folders and data files of the bundle: the given policy folder with its data.yaml, or conftest.toml's. */
function bundleSources(root: string, policyDir: string | undefined): { policyDirs: string[]; dataFiles: string[] } {
  if (policyDir !== undefined) return { policyDirs: [policyDir], dataFiles: [join(policyDir, 'data.yaml')] };
  const config = readConftestConfig(root);
  if (!config?.policy || !config.data) {
    throw new PolicyCheckError(
      'usage',
      `${join(root, 'conftest.toml')}: needs policy and data (the folders and data files of the policy bundle); fix: restore it`,
    );
  }
  return {
    policyDirs: config.policy.map((dir) => resolve(root, dir)),
    dataFiles: config.data.map((file) => resolve(root, file)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const index = buildPolicyBundle();
  process.stdout.write(
    `policies: built dist/policies/bundle.tar.gz (${Object.keys(index.namespaces).length} packages)\n`,
  );
}
