import { describe, expect, it } from 'vitest';
import { childFieldPath } from './field-path';

describe('childFieldPath', () => {
  it.each([
    ['', 'spec', 'spec'],
    ['spec', 'replicas', 'spec.replicas'],
    ['spec.containers', 0, 'spec.containers[0]'],
    ['metadata.labels', 'app-name', 'metadata.labels.app-name'],
    ['data', 'app.yaml', 'data["app.yaml"]'],
    ['', 'app.yaml', '["app.yaml"]'],
  ] as const)('writes %j + %j as %j', (parent, key, path) => {
    expect(childFieldPath(parent, key)).toBe(path);
  });
});
