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
      {
        file: 'libs/workload-constructs/src/hardened-deployment.ts',
        line: 219,
        role: 'construct core-services/api/Deployment',
      },
      { file: 'apps/core-services/src/core-service.ts', line: 117, role: 'caller' },
    ]);
  });

  it('takes a number only next to its field name', () => {
    expect(locateFinding(source, 'maxReplicas 20 exceeds the quota', rendered).primary.file).toBe(
      'environments/prod.yaml',
    );
    expect(locateFinding(source, 'needs 20 CPUs', rendered).primary.file).toBe(
      'libs/workload-constructs/src/hardened-deployment.ts',
    );
    expect(locateFinding(source, 'maxReplicas 200 exceeds the quota', rendered).primary.file).toBe(
      'libs/workload-constructs/src/hardened-deployment.ts',
    );
  });

  it('points any other message at the construct line', () => {
    const found = locateFinding(source, 'has no readiness probe', rendered);
    expect(found.primary).toStrictEqual({ file: 'libs/workload-constructs/src/hardened-deployment.ts', line: 219 });
    expect(found.related[0]).toStrictEqual({ ...rendered, role: 'rendered object' });
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
      'environments/images/prod.yaml:3 (images.api; construct core-services/api/Deployment; libs/workload-constructs/src/hardened-deployment.ts:219)',
    );
    expect(describeSource(source)).toBe(
      'libs/workload-constructs/src/hardened-deployment.ts:219 (construct core-services/api/Deployment)',
    );
  });
});
