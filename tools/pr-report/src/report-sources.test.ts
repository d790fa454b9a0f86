// The PR report names where each changed object and each policy finding comes from, from the sides' source
// maps (gitops-source-map/), so the reviewer reads the TypeScript or environments/ line to edit.
import { describe, expect, it } from 'vitest';
import type { ObjectSource } from '@go-coffee/source-map';
import type { GitopsSnapshot, ManifestFile } from './gitops-snapshot';
import { renderMarkdown } from './report-markdown';
import { buildReportModel, type SideInfo } from './report-model';

const path = 'gitops/prod-a/core-services/deployment-go-coffee-api.yaml';
const deployment = (tag: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: go-coffee\nspec:\n  template:\n    spec:\n      containers:\n        - image: ghcr.io/go-coffee/api:${tag}\n          name: api\n`;
const source = (tag: string): ObjectSource => ({
  object: 'apps/v1 Deployment go-coffee/api',
  construct: 'core-services/api/Deployment',
  source: 'apps/core-services/src/core-service.ts:117',
  config: [
    {
      field: 'spec.template.spec.containers[0].image',
      setting: 'images.api',
      value: `ghcr.io/go-coffee/api:${tag}`,
      source: 'environments/images/prod.yaml:3',
    },
  ],
});
const side = (ref: string, tag: string, over: Partial<SideInfo> = {}): SideInfo => ({
  ref,
  commit: `${ref}000000000`,
  tree: 'rendered',
  snapshot: new Map([
    [path, { path, cluster: 'prod-a', area: 'core-services', text: deployment(tag) } satisfies ManifestFile],
  ]) as GitopsSnapshot,
  exceptions: [],
  sources: new Map([[path, source(tag)]]),
  ...over,
});

describe('PR report sources', () => {
  it('names the images file line of a changed image and the construct line of a finding that names no value', () => {
    const finding = { msg: 'apps/v1 Deployment go-coffee/api has no PodDisruptionBudget', metadata: { query: 'q' } };
    const model = buildReportModel(
      side('base', '1.0.0'),
      side('head', '1.1.0', {
        policy: [{ filename: path, namespace: 'main.disruption', failures: [finding] }],
      }),
      ['prod'],
    );
    const text = renderMarkdown(model);
    expect(text).toContain(
      '- **changed** `apps/v1 Deployment go-coffee/api` — core-services · edit `environments/images/prod.yaml:3` (images.api; construct core-services/api/Deployment; apps/core-services/src/core-service.ts:117)',
    );
    expect(text).toContain(
      '<sub>`gitops/prod-a/core-services/deployment-go-coffee-api.yaml` · edit `apps/core-services/src/core-service.ts:117` (construct core-services/api/Deployment)</sub>',
    );
  });

  it('names files only when a side has no source map', () => {
    const model = buildReportModel(
      side('base', '1.0.0', { sources: undefined }),
      side('head', '1.1.0', { sources: undefined }),
      ['prod'],
    );
    expect(renderMarkdown(model)).not.toContain(' · edit ');
  });
});
