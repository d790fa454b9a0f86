import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeSourceMap, sourceMapPath } from './object-source';
import type { ObjectSource } from './object-source';
import { SourceMapError, SourceMapIndex, readSourceMap } from './read-source-map';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'source-map-'));
  writeFileSync(join(root, 'nx.json'), '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const path = 'gitops/dev/platform/namespace-go-coffee.yaml';
const entry: ObjectSource = {
  object: 'v1 Namespace go-coffee',
  construct: 'platform/ns',
  source: 'apps/platform/src/x.ts:3',
};
const put = (file: string, text: string) => {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
};

describe('source map files', () => {
  it('are deterministic: paths sorted, empty parts left out, trailing newline', () => {
    const a = serializeSourceMap(
      new Map<string, ObjectSource>([
        ['gitops/dev/platform/b.yaml', { ...entry, callers: [], config: [] }],
        ['gitops/dev/platform/a.yaml', entry],
      ]),
    );
    expect(a.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(a).objects)).toStrictEqual([
      'gitops/dev/platform/a.yaml',
      'gitops/dev/platform/b.yaml',
    ]);
    expect(JSON.parse(a).objects['gitops/dev/platform/b.yaml']).toStrictEqual(entry);
  });

  it('are found from a rendered path relative to the working directory or absolute', () => {
    put(sourceMapPath('dev', 'platform'), serializeSourceMap(new Map([[path, entry]])));
    put(path, 'kind: Namespace\n');
    expect(new SourceMapIndex(root).lookup(path)).toStrictEqual(entry);
    expect(new SourceMapIndex('/').lookup(join(root, path))).toStrictEqual(entry);
    expect(new SourceMapIndex(join(root, 'gitops')).lookup('dev/platform/namespace-go-coffee.yaml')).toStrictEqual(
      entry,
    );
  });

  it('answer nothing for a workspace without one, or a file outside gitops/', () => {
    expect(readSourceMap(root).size).toBe(0);
    expect(new SourceMapIndex(root).lookup(path)).toBeUndefined();
    expect(new SourceMapIndex(root).lookup('policies/data.yaml')).toBeUndefined();
  });

  it('refuse an unreadable file, naming it and the fix', () => {
    put(sourceMapPath('dev', 'platform'), '{"objects": ');
    expect(() => readSourceMap(root)).toThrow(SourceMapError);
    expect(() => readSourceMap(root)).toThrow(
      /^gitops-source-map\/dev\/platform\.json: not valid JSON .*fix: run npm run render/,
    );
  });
});
