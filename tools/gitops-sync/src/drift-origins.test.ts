// Drift reports name where a drifted object comes from (gitops-source-map/, written by the render), so the
// reader edits TypeScript or environments/, never gitops/.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDriftReport, type ClusterDriftReport } from '@go-coffee/drift';
import { originsOf } from './gitops-sync-cli';

const root = resolve(import.meta.dirname, '../../..');
const file = 'core-services/deployment-go-coffee-api-gateway.yaml';
const ref = { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'go-coffee', name: 'api-gateway' };
const imagesLine =
  readFileSync(resolve(root, 'environments/images/prod.yaml'), 'utf8')
    .split('\n')
    .findIndex((row) => row.startsWith('api-gateway:')) + 1;

function report(path: string, desired: unknown, live: unknown): ClusterDriftReport {
  return {
    objects: 1,
    inSync: 0,
    modified: [
      {
        ref,
        source: file,
        differences: [{ path, pointer: `/${path.replace(/\./g, '/')}`, change: 'changed', desired, live }],
        ignored: [],
        informational: [],
        unifiedDiff: '-a\n+b\n',
      },
    ],
    ignoredOnly: [],
    informationalOnly: [],
    missing: [
      { ref: { ...ref, group: '', kind: 'Service' }, source: 'core-services/service-go-coffee-api-gateway.yaml' },
    ],
    orphans: [],
    notSearched: [],
    requests: 1,
  };
}

describe('drift names the source of each drifted object', () => {
  const originOf = originsOf('gitops/prod-aws-us-east-1', { cwd: root });
  const image = report('spec.template.spec.containers[0].image', 'ghcr.io/go-coffee/api-gateway:1.3.2', 'evil:1');

  it('points an image change at the line of the images file that pins it', () => {
    const text = formatDriftReport(image, { title: 't', originOf }, 'text');
    expect(text).toContain(
      `MODIFIED apps/v1 Deployment go-coffee/api-gateway (${file}) from environments/images/prod.yaml:${imagesLine} (images.api-gateway; construct`,
    );
    const json = JSON.parse(formatDriftReport(image, { title: 't', originOf }, 'json')) as {
      modified: { origin: string }[];
      missing: { origin: string }[];
    };
    expect(json.modified[0]!.origin).toMatch(new RegExp(`^environments/images/prod\\.yaml:${imagesLine} `));
    expect(json.missing[0]!.origin).toMatch(/^apps\/core-services\/src\/.+\.ts:\d+ \(construct core-services\//);
  });

  it("points any other change at the area's declaration of the object", () => {
    const markdown = formatDriftReport(report('spec.replicas', 3, 9), { title: 't', originOf }, 'markdown');
    expect(markdown).toMatch(
      /\| modified \| `apps\/v1 Deployment go-coffee\/api-gateway` from apps\/core-services\/src\/core-service\.ts:\d+ \(construct core-services\/api-gateway\//,
    );
  });

  it('says nothing about origin for a folder without a source map', () => {
    const elsewhere = originsOf('tools/gitops-sync/test-fixtures/dev-local', { cwd: root });
    expect(formatDriftReport(image, { title: 't', originOf: elsewhere }, 'text')).not.toContain(' from ');
  });
});
