import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/cli';
import { MissingToolError, pinnedVersion, toolPath } from './tool-path';

describe('toolPath', () => {
  it('names the missing tool and the command that builds it', () => {
    const root = mkdtempSync(join(tmpdir(), 'toolchain-'));
    mkdirSync(join(root, 'tools', 'toolchain'), { recursive: true });
    writeFileSync(join(root, 'tools', 'toolchain', 'versions.json'), '{"tools":{}}');
    expect(() => toolPath('opa', root)).toThrow(MissingToolError);
    expect(() => toolPath('opa', root)).toThrow(/opa not found at .*\.tools\/bin\/opa: run `npm run toolchain`/);
  });

  it('finds every pinned tool built by the toolchain at its pinned version', () => {
    const root = workspaceRoot();
    const opa = execFileSync(toolPath('opa', root), ['version'], { encoding: 'utf8' });
    expect(opa).toContain(`Version: ${pinnedVersion('opa', root)}\n`);
    const apiserver = execFileSync(toolPath('kube-apiserver', root), ['--version'], { encoding: 'utf8' });
    expect(apiserver.trim()).toBe(`Kubernetes v${pinnedVersion('kube-apiserver', root)}`);
    const etcd = execFileSync(toolPath('etcd', root), ['--version'], { encoding: 'utf8' });
    expect(etcd).toContain(`etcd Version: ${pinnedVersion('etcd', root)}\n`);
  });
});
