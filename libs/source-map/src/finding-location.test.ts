import { describe, expect, it } from 'vitest';
import { describeSource, locateFinding } from './finding-location';
import type { ObjectSource } from './object-source';

const rendered = { file: 'gitops/prod-a/core-services/deployment-go-coffee-api.yaml', line: 1 };
const source: ObjectSource = {
  object: 'apps/v1 Deployment go-coffee/api',
  construct: 'core-services/api/Deployment',
  source: 'libs/workload-constructs/src/hardened-deployment.ts:219',
  callers: ['apps/core-services/src/core-service.ts:117'],
  config: [
    {
      field: 'spec.template.spec.containers[0].image',
      setting: 'images.api',
      value: 'ghcr.io/go-coffee/api:1.3.2',
      source: 'environments/images/prod.yaml:3',
      alsoFrom: ['environments/defaults.yaml:7'],
    },
    { field: 'spec.maxReplicas', setting: 'sizing.maxReplicas', value: 20, source: 'environments/prod.yaml:4' },
  ],
};

describe('locateFinding', () => {
  it('points a message that quotes a configured value at its environments/ line, the rendered file related', () => {
    const found = locateFinding(source, 'uses image ghcr.io/go-coffee/api:1.3.2 from a registry not allowed', rendered);
    expect(found.primary).toStrictEqual({ file: 'environments/images/prod.yaml', line: 3 });
    expect(found.primaryRole).toBe('configuration images.api');
    expect(found.related).toStrictEqual([
      { ...rendered, role: 'rendered object' },
      { file: 'environments/defaults.yaml', line: 7, role: 'also feeds images.api' },
      { file: 'apps/core-services/src/core-service.ts', line: 117, role: 'construct core-services/api/Deployment' },
      { file: 'libs/workload-constructs/src/hardened-deployment.ts', line: 219, role: 'call chain' },
    ]);
  });

  it('takes a number only next to its field name', () => {
    expect(locateFinding(source, 'maxReplicas 20 exceeds the quota', rendered).primary.file).toBe(
      'environments/prod.yaml',
    );
    expect(locateFinding(source, 'needs 20 CPUs', rendered).primary.file).toBe(
      'apps/core-services/src/core-service.ts',
    );
    expect(locateFinding(source, 'maxReplicas 200 exceeds the quota', rendered).primary.file).toBe(
      'apps/core-services/src/core-service.ts',
    );
  });

  it("points any other message at the area's declaration of the object, the library line related", () => {
    const found = locateFinding(source, 'has no readiness probe', rendered);
    expect(found.primary).toStrictEqual({ file: 'apps/core-services/src/core-service.ts', line: 117 });
    expect(found.related).toStrictEqual([
      { ...rendered, role: 'rendered object' },
      { file: 'libs/workload-constructs/src/hardened-deployment.ts', line: 219, role: 'call chain' },
    ]);
  });

  it("points a library's own object (no apps/ frame) at the library line", () => {
    const own = {
      object: 'x',
      construct: 'applications/children',
      source: 'libs/render-kit/src/argo-application.ts:40',
    };
    expect(locateFinding(own, 'm', rendered).primary).toStrictEqual({
      file: 'libs/render-kit/src/argo-application.ts',
      line: 40,
    });
  });

  it('keeps the rendered file when the source map does not know the object', () => {
    expect(locateFinding(undefined, 'anything', rendered)).toStrictEqual({
      primary: rendered,
      primaryRole: 'rendered object',
      related: [],
    });
  });
});

describe('describeSource', () => {
  it('names the line to edit, then what it is', () => {
    expect(describeSource(source, 'ghcr.io/go-coffee/api:1.3.2')).toBe(
      'environments/images/prod.yaml:3 (images.api; construct core-services/api/Deployment; apps/core-services/src/core-service.ts:117)',
    );
    expect(describeSource(source)).toBe(
      'apps/core-services/src/core-service.ts:117 (construct core-services/api/Deployment)',
    );
  });
});
