#!/usr/bin/env node
// Builds the pinned real tools (OPA, conftest, actionlint, etcd, kube-apiserver, kubectl, helm, argocd)
// from Go modules into .tools/bin, so policy tests run real OPA, cluster tests run a real API server and the
// Argo CD end-to-end test runs a real Argo CD. Also installs the Debian packages the tests need (redis-server
// for Argo CD's cache, shellcheck for actionlint, chromium for the Mermaid picture tests) when they are missing.
//
// Prerequisites: Node 20+, and Go >= versions.json#go.minimum unless every tool is already on PATH
// at its pinned version. A tool may pin a newer Go (`goToolchain`, argocd needs Go 1.27): the go command
// then fetches that toolchain as a module from the same module proxy, for that tool only. Debian packages
// are installed with apt-get when running as root. No npm dependencies: this runs before `npm ci` on purpose.
//
// Order of preference per tool: .tools/bin already at the pinned version ("up to date") → a binary on
// PATH at the pinned version (linked) → a binary built earlier by any clone on this machine (cache
// outside the clone, keyed by tool, version and Go version) → build it. Go's module and build caches
// live outside the clone (GOMODCACHE / GOCACHE), so a fresh clone never compiles twice.
//
// Exit codes: 0 all tools ready · 3 Go missing or too old and a tool is not available · 4 a build failed ·
// 5 a Debian package is missing and cannot be installed (not root, or apt-get failed).
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
import { basename, delimiter, dirname, join, resolve } from 'node:path';
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
const EXIT_PACKAGE_MISSING = 5;
const debianPackages = pins.debianPackages ?? {};

function parseArgs(argv) {
  const only = [];
  let force = false;
  for (const arg of argv) {
    if (arg === '--force') force = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'Usage: npm run toolchain [-- [--force] [tool ...]]\n' +
          `Tools: ${Object.keys(pins.tools).join(', ')}\n` +
          `Debian packages: ${Object.keys(debianPackages).join(', ')}\n` +
          'Exit codes: 0 ready, 3 Go missing/too old, 4 build failed, 5 Debian package missing.\n',
      );
      process.exit(0);
    } else if (pins.tools[arg] || debianPackages[arg]) only.push(arg);
    else {
      const known = [...Object.keys(pins.tools), ...Object.keys(debianPackages)];
      process.stderr.write(`toolchain: unknown tool "${arg}"; known: ${known.join(', ')}\n`);
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
    // Never let a module's toolchain line download another Go: the machine's Go is the one we pin against,
    // unless a tool pins its own (passed in `extra`).
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

/** Downloads `module@version` and returns its folder, its go.mod text and the proxy's release time. */
function downloadModule(module, version, env) {
  const res = run('go', ['mod', 'download', '-json', `${module}@v${version}`], { env });
  if (res.status !== 0) throw new BuildError(`cannot download ${module}@v${version}: ${res.stderr.trim()}`);
  const { Dir, GoMod, Info } = JSON.parse(res.stdout);
  return { dir: Dir, goMod: readFileSync(GoMod, 'utf8'), time: JSON.parse(readFileSync(Info, 'utf8')).Time };
}

/**
 * A dependent module ignores its dependency's `replace` directives, so the wrapper must repeat them. Keeps
 * every replace that points at a published module version; drops those onto a local folder (argo-cd's
 * ./gitops-engine is also published as a tagged module the proxy serves, which the require line picks).
 */
export function publishedReplaces(goMod) {
  const lines = [];
  for (const block of goMod.matchAll(/^replace\s*\(\n([\s\S]*?)^\)/gm)) lines.push(...block[1].split('\n'));
  for (const single of goMod.matchAll(/^replace\s+([^(\s].*)$/gm)) lines.push(single[1]);
  const kept = [];
  let dropped = 0;
  for (const raw of lines) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    const m = line.match(/^(\S+)(?:\s+\S+)?\s+=>\s+(\S+)(?:\s+(\S+))?$/);
    if (!m) throw new BuildError(`cannot read replace directive "${line}"`);
    if (m[2].startsWith('./') || m[2].startsWith('../') || !m[3]) dropped += 1;
    else kept.push(`\t${m[1]} => ${m[2]} ${m[3]}`);
  }
  return { kept: kept.sort(), dropped };
}

/** Version of `module` the upstream go.mod builds with: its replace when it has one, else its require. */
function upstreamModuleVersion(goMod, module) {
  const escaped = module.replaceAll('.', '\\.');
  const replaced = goMod.match(new RegExp(`^\\s*${escaped}\\s+=>\\s+\\S+\\s+(v\\S+)`, 'm'));
  const required = goMod.match(new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm'));
  const version = replaced?.[1] ?? required?.[1];
  if (!version) throw new BuildError(`upstream go.mod does not require ${module}`);
  return version;
}

/** Environment of a tool's go commands: its own Go toolchain when it pins one. */
function toolGoEnv(tool) {
  return tool.goToolchain ? { GOTOOLCHAIN: tool.goToolchain } : {};
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
  if (tool.kind === 'upstream-main') {
    // Wrapper module generated from the upstream module itself: its replace block and its own main file, so
    // nothing upstream is committed here and a version bump regenerates both.
    const env = toolGoEnv(tool);
    const upstream = downloadModule(tool.module, tool.version, goBuildEnv(env));
    if (!existsSync(join(buildDir, 'go.sum'))) {
      const goDirective = upstream.goMod.match(/^go (\S+)$/m)?.[1];
      if (!goDirective) throw new BuildError(`${tool.module}@v${tool.version} go.mod has no go directive`);
      const { kept, dropped } = publishedReplaces(upstream.goMod);
      writeModule(
        buildDir,
        `go-coffee.local/toolchain/${name}`,
        goDirective,
        `\nrequire ${tool.module} v${tool.version}\n\nreplace (\n${kept.join('\n')}\n)\n`,
      );
      const main = join(buildDir, 'main.go');
      copyFileSync(join(upstream.dir, tool.main), main);
      chmodSync(main, 0o644);
      process.stdout.write(
        `  generated wrapper module from ${tool.module}@v${tool.version}: ${tool.main}, ${kept.length} replaces (${dropped} local ones dropped)\n`,
      );
      goRun(['mod', 'tidy'], buildDir, name, env);
    }
    const ldflags = tool.ldflags
      .replaceAll('{version}', tool.version)
      .replaceAll('{moduleTime}', upstream.time.replace(/\.\d+Z$/, 'Z'))
      .replace(/\{require:([^}]+)\}/g, (_, module) => upstreamModuleVersion(upstream.goMod, module));
    const rss = goRun(['build', `-ldflags=${ldflags}`, '-o', target, '.'], buildDir, name, env);
    for (const companion of tool.companions ?? []) {
      const dest = join(dirname(target), `${name}-${tool.version}-${basename(companion)}`);
      copyFileSync(join(upstream.dir, companion), dest);
      chmodSync(dest, 0o755);
    }
    return rss;
  }
  throw new BuildError(`${name}: unknown kind ${tool.kind}`);
}

/**
 * Files of a tool's upstream module it needs at run time, copied next to the build into .tools/share/<tool>/:
 * Argo CD's repo-server runs git-verify-wrapper.sh and gpg-wrapper.sh from PATH on every manifest generation,
 * and a bare cluster needs Argo CD's own CRDs before anything syncs.
 */
function placeCompanions(name, tool) {
  const shareDir = join(repoRoot, '.tools', 'share', name);
  for (const companion of tool.companions ?? []) {
    const source = join(cacheRoot, 'bin', `${name}-${tool.version}-${basename(companion)}`);
    if (!existsSync(source)) return false;
    mkdirSync(shareDir, { recursive: true });
    const dest = join(shareDir, basename(companion));
    copyFileSync(source, dest);
    chmodSync(dest, companion.endsWith('.sh') ? 0o755 : 0o644);
  }
  return true;
}

/** Whether `command` is an executable file on PATH. */
function commandOnPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      const candidate = join(dir, command);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Installs a missing Debian package with apt-get as root; exits 5 naming the package when it cannot. */
function ensureDebianPackage(name, pkg) {
  const found = commandOnPath(pkg.command);
  if (found) {
    process.stdout.write(`${name} (Debian package): using ${found} from PATH\n`);
    return;
  }
  const cannot = (why) => {
    process.stderr.write(
      `toolchain: the Debian package ${name} (command ${pkg.command}, needed by ${pkg.usedBy}) is not installed and ${why}. ` +
        `Install it with \`sudo apt-get install -y ${name}\`, then re-run \`npm run toolchain\`.\n`,
    );
    process.exit(EXIT_PACKAGE_MISSING);
  };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) cannot('this is not running as root');
  if (!commandOnPath('apt-get')) cannot('apt-get is not available');
  process.stdout.write(`${name} (Debian package): installing with apt-get …\n`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    run('apt-get', ['install', '-y', '--no-install-recommends', name], {
      env: aptEnv,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  let res = install();
  if (res.status !== 0) {
    // A fresh machine has no package lists yet.
    run('apt-get', ['update'], { env: aptEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    res = install();
  }
  if (res.status !== 0) cannot(`apt-get install failed: ${(res.stderr ?? '').trim().split('\n').pop()}`);
  const installed = commandOnPath(pkg.command);
  if (!installed) cannot(`after installing it ${pkg.command} is still not on PATH`);
  process.stdout.write(`${name} (Debian package): installed ${installed}\n`);
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
  const names = (only.length > 0 ? only : Object.keys(pins.tools)).filter((name) => pins.tools[name]);
  const packages = (only.length > 0 ? only : Object.keys(debianPackages)).filter((name) => debianPackages[name]);
  for (const name of packages) ensureDebianPackage(name, debianPackages[name]);
  let go;
  let failed = false;
  const started = Date.now();
  for (const name of names) {
    const tool = pins.tools[name];
    const local = join(binDir, name);
    if (!force && existsSync(local) && reportedVersion(local, tool) === tool.version && placeCompanions(name, tool)) {
      process.stdout.write(`${name} ${tool.version}: up to date\n`);
      continue;
    }
    const onPath = findOnPath(name);
    if (!force && !tool.companions && onPath && reportedVersion(onPath, tool) === tool.version) {
      place(onPath, name, { link: true });
      process.stdout.write(`${name} ${tool.version}: using ${onPath} from PATH\n`);
      continue;
    }
    go ??= goEnv() ?? null;
    const goVersion = go?.GOVERSION;
    const builtWith = tool.goToolchain ?? goVersion;
    const cached = goVersion ? join(cacheRoot, 'bin', `${name}-${tool.version}-${builtWith}`) : undefined;
    if (
      !force &&
      cached &&
      existsSync(cached) &&
      reportedVersion(cached, tool) === tool.version &&
      placeCompanions(name, tool)
    ) {
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
    process.stdout.write(`${name} ${tool.version}: building with ${builtWith} …\n`);
    const t0 = Date.now();
    try {
      const rssKb = build(name, tool, cached);
      const got = reportedVersion(cached, tool);
      if (got !== tool.version)
        throw new BuildError(`${name}: built binary reports version ${got ?? '(none)'}, expected ${tool.version}`);
      place(cached, name, { link: false });
      placeCompanions(name, tool);
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
