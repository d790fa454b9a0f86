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
    expect(lines.slice(0, -1).every((line) => /: up to date$|: using .* from PATH$/.test(line))).toBe(true);
    expect(lines.slice(0, -1).map((line) => line.split(' ')[0])).toStrictEqual([
      'opa',
      'conftest',
      'actionlint',
      'etcd',
      'kube-apiserver',
      'kubectl',
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
    const res = spawnSync(process.execPath, [join(here, 'install.mjs'), 'helm'], { encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('unknown tool "helm"');
  });
});
