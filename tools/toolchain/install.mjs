#!/usr/bin/env node
// Builds the pinned real tools (OPA, conftest, actionlint, etcd, kube-apiserver, kubectl) from Go
// modules into .tools/bin, so policy tests run real OPA and cluster tests run a real API server.
//
// Prerequisites: Node 20+, and Go >= versions.json#go.minimum unless every tool is already on PATH
// at its pinned version. No npm dependencies: this runs before `npm ci` on purpose.
//
// Order of preference per tool: .tools/bin already at the pinned version ("up to date") → a binary on
// PATH at the pinned version (linked) → a binary built earlier by any clone on this machine (cache
// outside the clone, keyed by tool, version and Go version) → build it. Go's module and build caches
// live outside the clone (GOMODCACHE / GOCACHE), so a fresh clone never compiles twice.
//
// Exit codes: 0 all tools ready · 3 Go missing or too old and a tool is not available · 4 a build failed.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
  lstatSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const pins = JSON.parse(readFileSync(join(here, 'versions.json'), 'utf8'));
const binDir = join(repoRoot, '.tools', 'bin');
const cacheRoot =
  process.env.GO_COFFEE_TOOLCHAIN_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'go-coffee-toolchain');

const EXIT_NO_GO = 3;
const EXIT_BUILD_FAILED = 4;

function parseArgs(argv) {
  const only = [];
  let force = false;
  for (const arg of argv) {
    if (arg === '--force') force = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'Usage: npm run toolchain [-- [--force] [tool ...]]\n' +
          `Tools: ${Object.keys(pins.tools).join(', ')}\n` +
          'Exit codes: 0 ready, 3 Go missing/too old, 4 build failed.\n',
      );
      process.exit(0);
    } else if (pins.tools[arg]) only.push(arg);
    else {
      process.stderr.write(`toolchain: unknown tool "${arg}"; known: ${Object.keys(pins.tools).join(', ')}\n`);
      process.exit(2);
    }
  }
  return { force, only };
}

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
}

/** Version a binary reports, parsed with the tool's pattern; undefined when it cannot be run. */
function reportedVersion(binary, tool) {
  const res = run(binary, tool.versionArgs, { timeout: 30_000 });
  if (res.error || res.status !== 0) return undefined;
  const re = new RegExp(tool.versionPattern, 'm');
  const m = `${res.stdout}\n${res.stderr}`.match(re);
  return m ? m[1].replace(/^v/, '') : undefined;
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || resolve(dir) === binDir) continue;
    const candidate = join(dir, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function goEnv() {
  const res = run('go', ['env', '-json', 'GOVERSION', 'GOCACHE', 'GOMODCACHE']);
  if (res.error || res.status !== 0) return undefined;
  return JSON.parse(res.stdout);
}

function versionAtLeast(actual, minimum) {
  const a = actual.replace(/^go/, '').split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

function goBuildEnv(extra = {}) {
  return {
    ...process.env,
    CGO_ENABLED: '0',
    // Never let a module's toolchain line download another Go: the machine's Go is the one we pin against.
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod -trimpath -buildvcs=false',
    ...extra,
  };
}

/** Runs a Go command, measuring peak RSS with /usr/bin/time when the machine has it. */
function goRun(args, cwd, label, extraEnv = {}) {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const rssFile = join(cacheRoot, `.rss-${process.pid}`);
  const cmd = timeBin ?? 'go';
  const cmdArgs = timeBin ? ['-f', '%M', '-o', rssFile, 'go', ...args] : args;
  const res = spawnSync(cmd, cmdArgs, { cwd, env: goBuildEnv(extraEnv), stdio: ['ignore', 'inherit', 'inherit'] });
  let rssKb;
  if (timeBin && existsSync(rssFile)) {
    rssKb = Number.parseInt(readFileSync(rssFile, 'utf8').trim().split('\n').pop(), 10);
    rmSync(rssFile, { force: true });
  }
  if (res.status !== 0) {
    throw new BuildError(`${label}: \`go ${args.join(' ')}\` failed (exit ${res.status ?? res.signal}) in ${cwd}`);
  }
  return rssKb;
}

class BuildError extends Error {}

function writeModule(dir, modulePath, goDirective, extra = '') {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'go.mod'), `module ${modulePath}\n\ngo ${goDirective}\n${extra}`);
  rmSync(join(dir, 'go.sum'), { force: true });
}

/** k8s.io/kubernetes replaces every staging module with ./staging/...; map each to its published v0.x. */
function kubernetesReplaces(version) {
  const res = run('go', ['mod', 'download', '-json', `k8s.io/kubernetes@v${version}`], { env: goBuildEnv() });
  if (res.status !== 0) throw new BuildError(`cannot download k8s.io/kubernetes@v${version}: ${res.stderr.trim()}`);
  const { GoMod } = JSON.parse(res.stdout);
  const upstream = readFileSync(GoMod, 'utf8');
  const staging = [...upstream.matchAll(/^\s*(k8s\.io\/[\w.-]+)\s+=>\s+\.\/staging\/src\/\S+\s*$/gm)].map((m) => m[1]);
  if (staging.length === 0)
    throw new BuildError(`k8s.io/kubernetes@v${version} go.mod has no staging replaces; cannot pin`);
  const [, minor, patch] = version.split('.');
  const published = `v0.${minor}.${patch}`;
  const godebug = upstream.match(/^godebug .*$/m)?.[0] ?? '';
  const lines = staging.sort().map((mod) => `\t${mod} => ${mod} ${published}`);
  return {
    text: `${godebug}\n\nrequire k8s.io/kubernetes v${version}\n\nreplace (\n${lines.join('\n')}\n)\n`,
    count: staging.length,
  };
}

function kubernetesLdflags(version) {
  const [major, minor] = version.split('.');
  const vars = {
    gitVersion: `v${version}`,
    gitMajor: major,
    gitMinor: minor,
    gitTreeState: 'clean',
    gitCommit: `v${version}-go-module`,
    buildDate: '1970-01-01T00:00:00Z',
  };
  const flags = [];
  for (const pkg of ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']) {
    for (const [k, v] of Object.entries(vars)) flags.push(`-X ${pkg}.${k}=${v}`);
  }
  return flags.join(' ');
}

function build(name, tool, target) {
  const stamp = `${name}-${tool.version}`;
  const buildDir = join(cacheRoot, 'build', stamp);
  if (tool.kind === 'go-install') {
    const gobin = join(buildDir, 'bin');
    mkdirSync(gobin, { recursive: true });
    const ldflags = (tool.ldflags ?? '').replaceAll('{version}', tool.version);
    const args = ['install', ...(ldflags ? [`-ldflags=${ldflags}`] : []), `${tool.package}@v${tool.version}`];
    const rss = goRun(args, buildDir, name, { GOBIN: gobin });
    const built = join(gobin, tool.package.split('/').pop());
    copyFileSync(built, target);
    return rss;
  }
  if (tool.kind === 'wrapper') {
    writeModule(buildDir, `go-coffee.local/toolchain/${tool.wrapper}`, '1.26');
    copyFileSync(join(here, 'wrappers', tool.wrapper, 'main.go'), join(buildDir, 'main.go'));
    goRun(['get', `${tool.module}@v${tool.version}`], buildDir, name);
    goRun(['mod', 'tidy'], buildDir, name);
    return goRun(['build', '-o', target, '.'], buildDir, name);
  }
  if (tool.kind === 'kubernetes') {
    // One generated module serves kube-apiserver and kubectl; generated once per version.
    const modDir = join(cacheRoot, 'build', `kubernetes-${tool.version}`);
    if (!existsSync(join(modDir, 'go.sum'))) {
      const { text, count } = kubernetesReplaces(tool.version);
      writeModule(modDir, 'go-coffee.local/toolchain/kubernetes', '1.24.0', text);
      copyFileSync(join(here, 'wrappers', 'kubernetes', 'deps.go'), join(modDir, 'deps.go'));
      process.stdout.write(
        `  generated wrapper module with ${count} staging replaces from k8s.io/kubernetes@v${tool.version}\n`,
      );
      goRun(['mod', 'tidy'], modDir, name);
    }
    return goRun(['build', `-ldflags=${kubernetesLdflags(tool.version)}`, '-o', target, tool.package], modDir, name);
  }
  throw new BuildError(`${name}: unknown kind ${tool.kind}`);
}

function place(source, name, { link }) {
  const dest = join(binDir, name);
  try {
    lstatSync(dest);
    unlinkSync(dest);
  } catch {
    // nothing to replace
  }
  if (link) symlinkSync(source, dest);
  else {
    const tmp = `${dest}.tmp-${process.pid}`;
    copyFileSync(source, tmp);
    chmodSync(tmp, 0o755);
    renameSync(tmp, dest);
  }
}

function main() {
  const { force, only } = parseArgs(process.argv.slice(2));
  mkdirSync(binDir, { recursive: true });
  mkdirSync(join(cacheRoot, 'bin'), { recursive: true });
  const names = only.length > 0 ? only : Object.keys(pins.tools);
  let go;
  let failed = false;
  const started = Date.now();
  for (const name of names) {
    const tool = pins.tools[name];
    const local = join(binDir, name);
    if (!force && existsSync(local) && reportedVersion(local, tool) === tool.version) {
      process.stdout.write(`${name} ${tool.version}: up to date\n`);
      continue;
    }
    const onPath = findOnPath(name);
    if (!force && onPath && reportedVersion(onPath, tool) === tool.version) {
      place(onPath, name, { link: true });
      process.stdout.write(`${name} ${tool.version}: using ${onPath} from PATH\n`);
      continue;
    }
    go ??= goEnv() ?? null;
    const goVersion = go?.GOVERSION;
    const cached = goVersion ? join(cacheRoot, 'bin', `${name}-${tool.version}-${goVersion}`) : undefined;
    if (!force && cached && existsSync(cached) && reportedVersion(cached, tool) === tool.version) {
      place(cached, name, { link: false });
      process.stdout.write(`${name} ${tool.version}: up to date (built earlier on this machine, ${cached})\n`);
      continue;
    }
    if (!goVersion || !versionAtLeast(goVersion, pins.go.minimum)) {
      process.stderr.write(
        `toolchain: ${name} ${tool.version} is not on PATH and cannot be built: ` +
          (goVersion ? `Go ${goVersion} is older than ${pins.go.minimum}.` : 'Go is not installed.') +
          ` Install Go >= ${pins.go.minimum} (https://go.dev/doc/install) or put ${name} ${tool.version} on PATH, then re-run \`npm run toolchain\`.\n`,
      );
      process.exit(EXIT_NO_GO);
    }
    process.stdout.write(`${name} ${tool.version}: building with ${goVersion} …\n`);
    const t0 = Date.now();
    try {
      const rssKb = build(name, tool, cached);
      const got = reportedVersion(cached, tool);
      if (got !== tool.version)
        throw new BuildError(`${name}: built binary reports version ${got ?? '(none)'}, expected ${tool.version}`);
      place(cached, name, { link: false });
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      const rss = rssKb ? `, peak RSS of the last go step ${(rssKb / 1024).toFixed(0)} MiB` : '';
      process.stdout.write(`${name} ${tool.version}: built in ${secs}s${rss}\n`);
    } catch (err) {
      if (!(err instanceof BuildError)) throw err;
      process.stderr.write(`toolchain: ${err.message}\n`);
      failed = true;
    }
  }
  process.stdout.write(
    `toolchain: ${failed ? 'FAILED' : 'ready'} in ${((Date.now() - started) / 1000).toFixed(1)}s (${binDir})\n`,
  );
  process.exit(failed ? EXIT_BUILD_FAILED : 0);
}

main();
