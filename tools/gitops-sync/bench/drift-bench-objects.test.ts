// The bench objects, written as the bench writes them (js-yaml) and as rendered files are written (the `yaml`
// package with serializeManifest's settings: render-kit itself is scope:render, which scope:sync may not
// import; its real output, the committed gitops/ tree, is checked in libs/drift), take the fast YAML reader
// and read exactly as js-yaml reads them; the benches' wait for a cluster at rest.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { dump, loadAll } from 'js-yaml';
import { Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KUBE_YAML_SCHEMA, readBlockYaml } from '@go-coffee/drift';
import { benchObjects, waitUntilClusterIdle } from './drift-bench-objects';

const WRITERS: Record<string, (object: unknown) => string> = {
  'js-yaml (writeObjectTree)': (object) => dump(object, { sortKeys: true, lineWidth: -1 }),
  'yaml (serializeManifest settings)': (object) =>
    new Document(object, { sortMapEntries: true, aliasDuplicateObjects: false }).toString({ lineWidth: 0 }),
};

describe('the bench objects and the fast YAML reader', () => {
  it.each(Object.keys(WRITERS))(
    'reads every bench object shape written by %s on the fast path, as js-yaml does',
    (name) => {
      const write = WRITERS[name]!;
      const objects = benchObjects(0, 2_000).map(({ obj }) => obj);
      const written = objects.map((object) => write(object));
      const texts = [...written, written.join('---\n')];
      for (const text of texts) {
        const fast = readBlockYaml(text);
        expect(fast).toBeDefined();
        const slow = loadAll(text, undefined, { schema: KUBE_YAML_SCHEMA });
        expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
        expect(isDeepStrictEqual(fast, slow)).toBe(true);
      }
      // The reader gives the objects back (key order aside, which the writers sort).
      expect(readBlockYaml(written[0]!)).toStrictEqual([objects[0]]);
    },
  );
});

describe('waitUntilClusterIdle', () => {
  /**
   * A run folder whose kube-apiserver and etcd are node processes running `apiserver` and `etcd`, their command
   * lines naming the folder as a local cluster's do (livePids only trusts such pids).
   */
  function runWith(apiserver: string, etcd: string): { dir: string; stop: () => void } {
    const dir = mkdtempSync(join(tmpdir(), 'idle-run-'));
    const children = [
      ['kube-apiserver', apiserver],
      ['etcd', etcd],
    ].map(([name, code]) => {
      const child = spawn(process.execPath, ['-e', code!, dir], { stdio: 'ignore' });
      writeFileSync(join(dir, `${name}.pid`), `${child.pid}\n`);
      return child;
    });
    return { dir, stop: () => children.forEach((child) => child.kill()) };
  }
  const IDLE = 'setTimeout(() => {}, 60_000)';
  const BUSY = 'for (;;) {}';

  it('returns after two quiet seconds when both processes are at rest', async () => {
    const run = runWith(IDLE, IDLE);
    try {
      const waited = await waitUntilClusterIdle(run.dir, 10);
      expect(waited).toBeGreaterThanOrEqual(2);
      expect(waited).toBeLessThan(5);
    } finally {
      run.stop();
    }
  }, 20_000);

  it('keeps waiting while one of them is busy, up to its limit', async () => {
    const run = runWith(IDLE, BUSY);
    try {
      const waited = await waitUntilClusterIdle(run.dir, 4);
      expect(waited).toBeGreaterThanOrEqual(4);
    } finally {
      run.stop();
    }
  }, 20_000);

  it('refuses a folder without a running kube-apiserver and etcd of its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idle-run-'));
    writeFileSync(join(dir, 'kube-apiserver.pid'), `${process.pid}\n`);
    await expect(waitUntilClusterIdle(dir, 4)).rejects.toThrow(/has no running kube-apiserver and etcd/);
  });
});
