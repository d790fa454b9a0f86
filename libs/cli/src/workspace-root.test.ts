import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceRoot } from './workspace-root';

let scratch: string;
beforeEach(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'workspace-root-')));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('workspaceRoot', () => {
  it('is this workspace by default, wherever the process runs', () => {
    expect(workspaceRoot()).toBe(resolve(import.meta.dirname, '..', '..', '..'));
  });

  it('walks up from a nested folder to the one holding tools/toolchain/versions.json', () => {
    mkdirSync(join(scratch, 'tools', 'toolchain'), { recursive: true });
    writeFileSync(join(scratch, 'tools', 'toolchain', 'versions.json'), '{}');
    mkdirSync(join(scratch, 'apps', 'x', 'src'), { recursive: true });
    expect(workspaceRoot(join(scratch, 'apps', 'x', 'src'))).toBe(scratch);
  });

  it('names the start and the marker file outside any workspace', () => {
    expect(() => workspaceRoot(scratch)).toThrow(
      `no go-coffee workspace above ${scratch} (tools/toolchain/versions.json not found)`,
    );
  });
});
