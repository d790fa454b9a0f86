#!/usr/bin/env node
// Bin entry for gitops-sync. Runs the TypeScript CLI from a bundle that esbuild builds on first use and
// caches in node_modules/.cache/gitops-sync, keyed by the size and mtime of every source it contains, so
// a run does not pay tsx's on-the-fly compilation and loader hooks (a drift run is latency-sensitive, see
// npm run bench:drift). If esbuild is unavailable or fails, it falls back to tsx.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const entry = join(root, 'tools', 'gitops-sync', 'src', 'gitops-sync-cli.ts');
const sourceDirs = [
  'libs/drift/src',
  'libs/ignore-rules/src',
  'libs/kube-objects/src',
  'libs/environments/src',
  'tools/gitops-sync/src',
].map((d) => join(root, d));

function sourceKey() {
  const hash = createHash('sha256');
  for (const file of [join(root, 'tsconfig.base.json'), join(root, 'package-lock.json')]) {
    if (existsSync(file)) hash.update(`${file}:${statSync(file).size}:${statSync(file).mtimeMs}\n`);
  }
  for (const dir of sourceDirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
      if (!name.endsWith('.ts') && !name.endsWith('.json')) continue;
      const st = statSync(join(dir, name));
      hash.update(`${dir}/${name}:${st.size}:${st.mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function bundled() {
  const cacheDir = join(root, 'node_modules', '.cache', 'gitops-sync');
  const out = join(cacheDir, `gitops-sync-${sourceKey()}.mjs`);
  if (existsSync(out)) return out;
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp.mjs`;
  await build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'silent',
  });
  renameSync(tmp, out);
  // Bundles of older sources are never used again.
  for (const name of readdirSync(cacheDir)) {
    if (join(cacheDir, name) !== out && /^gitops-sync-[0-9a-f]{16}\.mjs$/.test(name))
      rmSync(join(cacheDir, name), { force: true });
  }
  return out;
}

let mod;
try {
  mod = await import(pathToFileURL(await bundled()).href);
} catch {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: join(root, 'tsconfig.base.json') });
  mod = await import(pathToFileURL(entry).href);
}
await mod.main();
