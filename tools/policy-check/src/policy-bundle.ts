// Reads what `nx run policies:build` writes: the bundle of `opa build -t wasm` (dist/policies/bundle.tar.gz:
// the compiled policy.wasm, the data document, the manifest) and the policy index beside it (package →
// verdict rules, from the Rego sources), refusing an index that belongs to another bundle.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PolicyCheckError } from './policy-check-error';
import { webAssembly } from './webassembly-api';
import type { PolicyIndex, RuleAnnotation } from './build-policy-bundle';

export interface PolicyBundle {
  readonly path: string;
  readonly wasm: Uint8Array;
  readonly data: unknown;
  /** Package paths of every module, e.g. `main.images`, sorted. */
  readonly namespaces: readonly string[];
  /** Verdict rule names (deny/violation/warn with suffixes) each namespace declares, from the Rego sources. */
  readonly verdictRules: ReadonlyMap<string, readonly string[]>;
  /** How many verdict rule definitions (rule statements, counting each incremental body) each namespace has. */
  readonly verdictDefinitions: ReadonlyMap<string, number>;
  /** Entrypoints the manifest declares, e.g. `main`, `combined`. */
  readonly entrypoints: readonly string[];
  /** METADATA of verdict rules, by `<namespace>.<rule>` (e.g. `main.pod_security.deny_host_ports`). */
  readonly ruleAnnotations: ReadonlyMap<string, RuleAnnotation>;
  /** Root package → its generated verdict entrypoint (verdict-entrypoints.ts); absent for a root without rules. */
  readonly verdictEntrypoints: ReadonlyMap<string, string>;
}

const BUILD_HINT = 'run `npx nx run policies:build` (opa build -t wasm)';

/** Files of a POSIX (ustar/GNU) tar archive. Only regular files; enough for OPA bundles. */
export function readTarEntries(archive: Uint8Array): Map<string, Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  const field = (block: Uint8Array, start: number, length: number): string =>
    decoder.decode(block.subarray(start, start + length)).replace(/\0.*$/s, '');
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const name = field(header, 345, 155)
      ? `${field(header, 345, 155)}/${field(header, 0, 100)}`
      : field(header, 0, 100);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = field(header, 156, 1);
    if (!Number.isFinite(size) || offset + 512 + size > archive.length) throw new Error(`truncated tar entry ${name}`);
    if (type === '0' || type === '')
      entries.set(name.replace(/^\/+/, ''), archive.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

export function loadPolicyBundle(path: string): PolicyBundle {
  if (!existsSync(path))
    throw new PolicyCheckError('badBundle', `${path}: policy bundle not found; fix: ${BUILD_HINT}`);
  let entries: Map<string, Uint8Array>;
  const archive = readFileSync(path);
  try {
    entries = readTarEntries(gunzipSync(archive));
  } catch (error) {
    throw new PolicyCheckError(
      'badBundle',
      `${path}: not a readable OPA bundle (${(error as Error).message}); fix: ${BUILD_HINT}`,
    );
  }
  const wasm = entries.get('policy.wasm');
  if (!wasm || !webAssembly.validate(wasm)) {
    throw new PolicyCheckError(
      'badBundle',
      `${path}: policy.wasm is missing or not valid WebAssembly; fix: ${BUILD_HINT}`,
    );
  }
  const decoder = new TextDecoder();
  let data: unknown = {};
  let entrypoints: string[] = [];
  try {
    const dataFile = entries.get('data.json');
    if (dataFile) data = JSON.parse(decoder.decode(dataFile));
    const manifest = entries.get('.manifest');
    if (manifest) {
      const parsed = JSON.parse(decoder.decode(manifest)) as { wasm?: { entrypoint: string }[] };
      entrypoints = (parsed.wasm ?? []).map((entry) => entry.entrypoint);
    }
  } catch (error) {
    throw new PolicyCheckError(
      'badBundle',
      `${path}: data.json or .manifest is corrupt (${(error as Error).message}); fix: ${BUILD_HINT}`,
    );
  }
  const indexPath = join(dirname(path), 'policy-index.json');
  let index: PolicyIndex;
  try {
    index = JSON.parse(readFileSync(indexPath, 'utf8')) as PolicyIndex;
  } catch (error) {
    throw new PolicyCheckError(
      'badBundle',
      `${indexPath}: missing or corrupt (${(error as Error).message}); fix: ${BUILD_HINT}`,
    );
  }
  const sha256 = createHash('sha256').update(archive).digest('hex');
  if (index.bundleSha256 !== sha256) {
    throw new PolicyCheckError(
      'badBundle',
      `${indexPath}: describes another bundle than ${path} (stale build); fix: ${BUILD_HINT}`,
    );
  }
  if (typeof index.verdictEntrypoints !== 'object' || index.verdictEntrypoints === null) {
    throw new PolicyCheckError(
      'badBundle',
      `${indexPath}: names no verdict entrypoints (built by an older policy-check); fix: ${BUILD_HINT}`,
    );
  }
  for (const entrypoint of Object.values(index.verdictEntrypoints)) {
    if (!entrypoints.includes(entrypoint)) {
      throw new PolicyCheckError(
        'badBundle',
        `${path}: the WASM has no entrypoint ${entrypoint}, which ${indexPath} names; fix: ${BUILD_HINT}`,
      );
    }
  }
  const verdictRules = new Map(
    Object.entries(index.namespaces).map(([namespace, entry]) => [namespace, entry.verdictRules]),
  );
  const verdictDefinitions = new Map(
    Object.entries(index.namespaces).map(([namespace, entry]) => [namespace, entry.definitions]),
  );
  return {
    path,
    wasm,
    data,
    namespaces: [...verdictRules.keys()].sort(),
    verdictRules,
    verdictDefinitions,
    entrypoints: entrypoints.sort(),
    verdictEntrypoints: new Map(Object.entries(index.verdictEntrypoints)),
    ruleAnnotations: new Map(
      Object.entries(index.namespaces).flatMap(([namespace, entry]) =>
        Object.entries(entry.annotations ?? {}).map(
          ([rule, annotation]) => [`${namespace}.${rule}`, annotation] as const,
        ),
      ),
    ),
  };
}
