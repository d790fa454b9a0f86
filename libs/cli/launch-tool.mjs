// The one launcher behind every tool's bin (tools/<tool>/bin/<tool>.mjs, and so every `npm run <tool>`):
// runs the tool's TypeScript entry (src/main.ts, which calls launchMain) from any working directory.
//   bundle: false  tsx's loader, registered with the workspace tsconfig so @go-coffee/* aliases resolve
//                  wherever the process runs (the policy ratchet runs inside other checkouts).
//   bundle: true   an esbuild bundle cached in node_modules/.cache/<tool>/<tool>-<key>/ (main.mjs, and the
//                  libraries' thread entries, sharing chunks), keyed by the size and mtime of every source it
//                  can contain, for tools whose start-up time matters (gitops-sync drift); falls back to tsx
//                  when esbuild is unavailable or fails.
// Plain JavaScript on purpose: it runs before any TypeScript loader exists.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsconfig = join(root, 'tsconfig.json');

/** Sources a tool's bundle can contain: every library and the tool's own folder. */
function sourceKey(toolDir) {
  const hash = createHash('sha256');
  for (const file of [join(root, 'tsconfig.base.json'), join(root, 'package-lock.json')]) {
    if (existsSync(file)) hash.update(`${file}:${statSync(file).size}:${statSync(file).mtimeMs}\n`);
  }
  const libs = join(root, 'libs');
  const dirs = [
    ...readdirSync(libs)
      .sort()
      .map((name) => join(libs, name, 'src')),
    join(toolDir, 'src'),
  ];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
      if (!name.endsWith('.ts') && !name.endsWith('.json')) continue;
      const st = statSync(join(dir, name));
      hash.update(`${dir}/${name}:${st.size}:${st.mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Thread entries of the libraries, `libs/<lib>/src/<name>.thread.ts`, each bundled as `<lib>.<name>.thread.mjs`
 * beside the tool's main: a library starts its worker threads from that file (load-tree-in-threads.ts), so a
 * thread loads only what it runs, not the whole tool (its CLI, HTTP clients, zod, yaml: ~0.15 s per thread).
 */
function threadEntries() {
  const entries = {};
  const libs = join(root, 'libs');
  for (const lib of readdirSync(libs).sort()) {
    const src = join(libs, lib, 'src');
    if (!existsSync(src)) continue;
    for (const name of readdirSync(src).sort()) {
      if (name.endsWith('.thread.ts')) entries[`${lib}.${name.slice(0, -'.ts'.length)}`] = join(src, name);
    }
  }
  return entries;
}

/** The tool's bundle folder (main.mjs, the thread entries, their shared chunks), built once per source key. */
async function bundled(tool, toolDir, entry) {
  const cacheDir = join(root, 'node_modules', '.cache', tool);
  const out = join(cacheDir, `${tool}-${sourceKey(toolDir)}`);
  const main = join(out, 'main.mjs');
  if (existsSync(main)) return main;
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  await build({
    entryPoints: { main: entry, ...threadEntries() },
    outdir: tmp,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'silent',
  });
  try {
    renameSync(tmp, out);
  } catch (err) {
    // Another process finished the same bundle first: use it.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(main)) throw err;
  }
  // Bundles of older sources are never used again.
  const current = basename(out);
  for (const name of readdirSync(cacheDir)) {
    if (name !== current && new RegExp(`^${tool}-[0-9a-f]{16}(\\.mjs)?$`).test(name))
      rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
  return main;
}

/**
 * The folder of `tool`'s newest cached bundle (main.mjs and the thread entries), or undefined before its bin
 * first ran with `bundle: true`. For tests that look at or start what the bin runs.
 * @param {string} tool
 * @returns {string | undefined}
 */
export function cachedBundleFolder(tool) {
  const cacheDir = join(root, 'node_modules', '.cache', tool);
  if (!existsSync(cacheDir)) return undefined;
  return readdirSync(cacheDir)
    .filter((name) => new RegExp(`^${tool}-[0-9a-f]{16}$`).test(name) && existsSync(join(cacheDir, name, 'main.mjs')))
    .map((name) => join(cacheDir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/**
 * Runs `tools/<tool>/src/main.ts` for the bin at `binUrl` (its import.meta.url).
 * @param {string} binUrl
 * @param {{ bundle?: boolean }} [options]
 */
export async function launchTool(binUrl, options = {}) {
  const toolDir = dirname(dirname(fileURLToPath(binUrl)));
  const tool = basename(toolDir);
  const entry = join(toolDir, 'src', 'main.ts');
  if (options.bundle) {
    let bundle;
    try {
      bundle = await bundled(tool, toolDir, entry);
    } catch {
      bundle = undefined;
    }
    if (bundle) {
      // The bundle sits in node_modules/.cache, possibly shared with other copies of the workspace: tell
      // workspaceRoot() (src/workspace-root.ts) which workspace this bin belongs to.
      globalThis[Symbol.for('go-coffee.launched-from-workspace')] = toolDir;
      await import(pathToFileURL(bundle).href);
      return;
    }
  }
  const { register } = await import('tsx/esm/api');
  register({ tsconfig });
  await import(pathToFileURL(entry).href);
}
