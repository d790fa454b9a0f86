// Every committed file reads the same under YAML 1.1 (kubectl and Argo CD through go-yaml, PyYAML linters) and
// YAML 1.2 (our tools): the manifest writer quotes whatever either would resolve to another type.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommittedTree } from './committed-tree';
import { yamlReaderDisagreements } from './yaml-reader-agreement';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

describe('YAML 1.1 and YAML 1.2 readers', () => {
  it('read identical values in every committed file under gitops/', () => {
    const objects = readCommittedTree(workspaceRoot);
    expect(objects.length).toBeGreaterThan(500);
    const disagreements = objects.flatMap((o) =>
      yamlReaderDisagreements(readFileSync(resolve(workspaceRoot, o.path), 'utf8')).map(
        (d) => `${o.path} ${d.path}: YAML 1.1 ${d.yaml11}, YAML 1.2 ${d.yaml12}`,
      ),
    );
    expect(disagreements).toStrictEqual([]);
  });

  it('disagree on the old shapes: a bare `=` matcher and an unquoted schema date', () => {
    const old = 'matchers:\n  - matchType: =\nschemaConfig:\n  configs:\n    - from: 2025-01-01\n';
    expect(yamlReaderDisagreements(old)).toStrictEqual([
      { path: '$[0].matchers[0].matchType', yaml11: 'YAML 1.1 yaml-1.1-value node', yaml12: 'string "="' },
      {
        path: '$[0].schemaConfig.configs[0].from',
        yaml11: 'timestamp 2025-01-01T00:00:00.000Z',
        yaml12: 'string "2025-01-01"',
      },
    ]);
  });

  it('disagree on 1.1 booleans, octals and base-60 numbers, and on 1.2-only octals', () => {
    const paths = yamlReaderDisagreements('a: yes\nb: off\nc: 0755\nd: 1:30\ne: 0o17\nf: "yes"\n').map((d) => d.path);
    expect(paths).toStrictEqual(['$[0].a', '$[0].b', '$[0].c', '$[0].d', '$[0].e']);
  });
});
