import { describe, expect, it } from 'vitest';
import {
  IgnoreRulesError,
  defaultIgnoreRulesPath,
  loadIgnoreRules,
  matchIgnoreRule,
  parseIgnoreRules,
} from './ignore-rules';

describe('ignore rules', () => {
  it('reads the file render-kit renders into the Applications ignoreDifferences', () => {
    expect(defaultIgnoreRulesPath()).toMatch(/libs\/render-kit\/src\/ignore-rules\.yaml$/);
    const rules = loadIgnoreRules();
    const replicas = { path: 'spec.replicas', pointer: '/spec/replicas', change: 'changed' as const };
    expect(
      matchIgnoreRule(rules, { group: 'apps', kind: 'Deployment', namespace: 'go-coffee', name: 'api' }, replicas)?.id,
    ).toMatch(/^rules\[\d+\] apps\/Deployment/);
    expect(
      matchIgnoreRule(
        rules,
        { group: 'apps', kind: 'Deployment', namespace: 'go-coffee', name: 'api' },
        { ...replicas, path: 'spec.paused', pointer: '/spec/paused' },
      ),
    ).toBeUndefined();
  });

  it('matches by field manager and by object name', () => {
    const rules = parseIgnoreRules(
      {
        rules: [
          {
            id: 'hpa',
            group: 'apps',
            kind: 'Deployment',
            name: 'api',
            managedFieldsManagers: ['kube-controller-manager'],
          },
        ],
      },
      'f.yaml',
    );
    const diff = {
      path: 'spec.replicas',
      pointer: '/spec/replicas',
      change: 'changed' as const,
      writer: { manager: 'kube-controller-manager', operation: 'Update', time: '' },
    };
    expect(matchIgnoreRule(rules, { group: 'apps', kind: 'Deployment', namespace: 'n', name: 'api' }, diff)?.id).toBe(
      'hpa',
    );
    expect(
      matchIgnoreRule(rules, { group: 'apps', kind: 'Deployment', namespace: 'n', name: 'web' }, diff),
    ).toBeUndefined();
    expect(
      matchIgnoreRule(
        rules,
        { group: 'apps', kind: 'Deployment', namespace: 'n', name: 'api' },
        { ...diff, writer: { ...diff.writer, manager: 'kubectl' } },
      ),
    ).toBeUndefined();
  });

  it('rejects rules that would hide nothing specific or cannot be evaluated, naming file and rule', () => {
    expect(() => parseIgnoreRules({ rules: [{ group: 'apps', kind: 'Deployment' }] }, 'f.yaml')).toThrow(
      /f\.yaml: rules\[0\]: set jsonPointers or managedFieldsManagers/,
    );
    expect(() =>
      parseIgnoreRules({ rules: [{ kind: 'Deployment', jsonPointers: ['spec/replicas'] }] }, 'f.yaml'),
    ).toThrow(IgnoreRulesError);
    expect(() => parseIgnoreRules({ rules: [{ kind: 'Deployment', jqPathExpressions: ['.spec'] }] }, 'f.yaml')).toThrow(
      /jqPathExpressions are not supported/,
    );
    expect(() => loadIgnoreRules('/nonexistent/rules.yaml')).toThrow(/cannot read ignore rules/);
  });
});
