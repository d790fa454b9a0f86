import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;

describe('toolchain install', () => {
  it('reports every tool up to date on a second run, without building', () => {
    const res = spawnSync(process.execPath, [join(here, 'install.mjs')], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines.slice(0, -1).every((line) => /: up to date$|: up to date \(|: using .* from PATH/.test(line))).toBe(
      true,
    );
    expect(lines.slice(0, 3)).toStrictEqual([
      'redis-server (Debian package): using /usr/bin/redis-server from PATH',
      'shellcheck (Debian package): using /usr/bin/shellcheck from PATH',
      'chromium (Debian package): using /usr/bin/chromium from PATH',
    ]);
    expect(lines.slice(3, -1).map((line) => line.split(' ')[0])).toStrictEqual([
      'opa',
      'conftest',
      'actionlint',
      'etcd',
      'kube-apiserver',
      'kubectl',
      'helm',
      'argocd',
    ]);
    expect(res.stdout).not.toContain('building');
  });

  it('says what to install and exits 3 when a tool is missing and Go is not installed', () => {
    // GIVEN a fresh checkout (no .tools, no earlier builds) on a machine without Go
    const root = mkdtempSync(join(tmpdir(), 'toolchain-no-go-'));
    mkdirSync(join(root, 'tools', 'toolchain'), { recursive: true });
    for (const file of ['install.mjs', 'versions.json'])
      copyFileSync(join(here, file), join(root, 'tools', 'toolchain', file));
    const res = spawnSync(process.execPath, [join(root, 'tools', 'toolchain', 'install.mjs'), 'opa'], {
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', HOME: root, GO_COFFEE_TOOLCHAIN_CACHE: join(root, 'cache') },
    });
    expect(res.status).toBe(3);
    expect(res.stderr).toContain('opa 1.21.1 is not on PATH and cannot be built: Go is not installed.');
    expect(res.stderr).toContain('Install Go >= 1.26.0');
  });

  it('rejects an unknown tool name with exit 2', () => {
    const res = spawnSync(process.execPath, [join(here, 'install.mjs'), 'kustomize'], { encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('unknown tool "kustomize"');
  });

  it('names the Debian package and exits 5 when a package is missing and apt-get is not available', () => {
    // GIVEN a PATH with neither redis-server nor apt-get
    const empty = mkdtempSync(join(tmpdir(), 'toolchain-no-apt-'));
    const res = spawnSync(process.execPath, [join(here, 'install.mjs'), 'redis-server'], {
      encoding: 'utf8',
      env: { PATH: empty, HOME: empty },
    });
    expect(res.status).toBe(5);
    expect(res.stderr).toContain('the Debian package redis-server (command redis-server, needed by');
    expect(res.stderr).toContain('sudo apt-get install -y redis-server');
  });

  it("builds argocd with the upstream module's published replaces, dropping its local gitops-engine folder", async () => {
    const { publishedReplaces } = (await import(join(here, 'install.mjs'))) as {
      publishedReplaces: (goMod: string) => { kept: string[]; dropped: number };
    };
    const goMod = [
      'module github.com/argoproj/argo-cd/v3',
      '',
      'replace (',
      '\t// Avoid CVE-2022-3064',
      '\tgopkg.in/yaml.v2 => gopkg.in/yaml.v2 v2.4.0',
      '\tk8s.io/api => k8s.io/api v0.37.0',
      ')',
      'replace github.com/argoproj/argo-cd/gitops-engine/v3 => ./gitops-engine',
      '',
    ].join('\n');
    expect(publishedReplaces(goMod)).toStrictEqual({
      kept: ['\tgopkg.in/yaml.v2 => gopkg.in/yaml.v2 v2.4.0', '\tk8s.io/api => k8s.io/api v0.37.0'],
      dropped: 1,
    });
  });

  it('reports the pinned Argo CD and helm versions from the built binaries', () => {
    const bin = join(here, '..', '..', '.tools', 'bin');
    const argocd = spawnSync(join(bin, 'argocd'), ['version', '--client', '--short'], { encoding: 'utf8' });
    expect(argocd.stdout.trim()).toBe('argocd: v3.6.1');
    const helm = spawnSync(join(bin, 'helm'), ['version', '--short'], { encoding: 'utf8' });
    expect(helm.stdout.trim()).toBe('v4.3.2');
  });
});
