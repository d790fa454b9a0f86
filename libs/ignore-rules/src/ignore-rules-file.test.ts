import { describe, expect, it } from 'vitest';
import {
  IgnoreRulesError,
  defaultIgnoreRulesPath,
  loadIgnoreRules,
  loadIgnoreRulesFile,
  parseIgnoreRules,
  parseIgnoreRulesFile,
} from './ignore-rules-file';
import { mustNotExistRuleFor } from './must-not-exist';

const rule = (fields: string): string =>
  `rules:\n  - {id: r, reason: why, group: apps, kind: Deployment, appliesTo: all, ${fields}}\n`;

describe('the ignore-rules file', () => {
  it('is found in the workspace and scopes HPA-owned replicas to autoscaled workloads only', () => {
    expect(defaultIgnoreRulesPath()).toMatch(/libs\/ignore-rules\/ignore-rules\.yaml$/);
    const rules = loadIgnoreRules();
    expect(rules.find((r) => r.id === 'hpa-owned-deployment-replicas')).toMatchObject({
      group: 'apps',
      kind: 'Deployment',
      appliesTo: 'autoscaled-workloads',
      jsonPointers: ['/spec/replicas'],
      managedFieldsManagers: [],
    });
    // No rule may hide a field of every Deployment: that would hide a manual `kubectl scale` too.
    expect(rules.filter((r) => r.appliesTo === 'all' && r.jsonPointers.includes('/spec/replicas'))).toStrictEqual([]);
  });

  it('keeps id, reason and managedFieldsManagers of a rule', () => {
    expect(parseIgnoreRules(rule('managedFieldsManagers: [kube-controller-manager]'), 'f.yaml')).toStrictEqual([
      {
        id: 'r',
        reason: 'why',
        group: 'apps',
        kind: 'Deployment',
        appliesTo: 'all',
        jsonPointers: [],
        managedFieldsManagers: ['kube-controller-manager'],
      },
    ]);
  });

  it('rejects a pointer that is not a JSON pointer, naming the file, the rule and the field', () => {
    expect(() => parseIgnoreRules(rule('jsonPointers: [spec.replicas]'), 'f.yaml')).toThrow(
      /^f\.yaml: invalid ignore rules: rules\[0\]\.jsonPointers\[0\]: must be a JSON pointer such as \/spec\/replicas/,
    );
  });

  it('rejects a rule that hides nothing specific', () => {
    expect(() => parseIgnoreRules(rule('jsonPointers: []'), 'f.yaml')).toThrow(
      /rules\[0\]: set jsonPointers or managedFieldsManagers/,
    );
  });

  it('rejects a rule without id or appliesTo, and an unknown appliesTo', () => {
    expect(() =>
      parseIgnoreRules('rules:\n  - {reason: x, group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}\n'),
    ).toThrow(/rules\[0\]\.id: .*rules\[0\]\.appliesTo: must be one of: all, autoscaled-workloads/);
    expect(() => parseIgnoreRules(rule('appliesTo: hpa, jsonPointers: [/a]').replace('appliesTo: all, ', ''))).toThrow(
      /rules\[0\]\.appliesTo: must be one of: all, autoscaled-workloads/,
    );
  });

  it('refuses jqPathExpressions, name and namespace with the reason', () => {
    expect(() => parseIgnoreRules(rule('jqPathExpressions: [.spec]'), 'f.yaml')).toThrow(
      /rules\[0\]: unknown field "jqPathExpressions" \(jqPathExpressions are not supported/,
    );
    expect(() => parseIgnoreRules(rule('name: api, jsonPointers: [/a]'), 'f.yaml')).toThrow(
      /rules\[0\]: unknown field "name" \(rules are scoped by appliesTo/,
    );
  });

  it('rejects duplicate ids and YAML that does not parse', () => {
    const twice = `${rule('jsonPointers: [/a]')}  - {id: r, reason: y, group: '', kind: ConfigMap, appliesTo: all, jsonPointers: [/data]}\n`;
    expect(() => parseIgnoreRules(twice, 'f.yaml')).toThrow(
      'f.yaml: rules[1]: duplicate id "r"; give each rule its own id',
    );
    expect(() => parseIgnoreRules('rules: [', 'f.yaml')).toThrow(/^f\.yaml: not valid YAML/);
    expect(() => parseIgnoreRules('rules: [', 'f.yaml')).toThrow(IgnoreRulesError);
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadIgnoreRules('/nonexistent/rules.yaml')).toThrow(
      /^\/nonexistent\/rules\.yaml: cannot read ignore rules \(ENOENT\)/,
    );
  });
});

describe('the mustNotExist list', () => {
  it('is read from the workspace file and names the Pod Security label of Namespaces', () => {
    const { mustNotExist } = loadIgnoreRulesFile();
    const rule = mustNotExistRuleFor(
      mustNotExist,
      { group: '', kind: 'Namespace', namespace: '', name: 'go-coffee' },
      '/metadata/labels/pod-security.kubernetes.io~1enforce',
    );
    expect(rule?.id).toBe('namespace-pod-security-set-outside-git');
    // Another label on the same Namespace, or the same label on another kind, is not covered.
    expect(
      mustNotExistRuleFor(
        mustNotExist,
        { group: '', kind: 'Namespace', namespace: '', name: 'x' },
        '/metadata/labels/team',
      ),
    ).toBeUndefined();
    expect(
      mustNotExistRuleFor(
        mustNotExist,
        { group: '', kind: 'ConfigMap', namespace: 'n', name: 'x' },
        '/metadata/labels/pod-security.kubernetes.io~1enforce',
      ),
    ).toBeUndefined();
  });

  it('rejects an entry without pointers and ids shared with rules', () => {
    const base = rule('jsonPointers: [/a]');
    expect(() =>
      parseIgnoreRulesFile(
        `${base}mustNotExist:\n  - {id: m, reason: x, group: '', kind: Namespace, jsonPointers: []}\n`,
        'f.yaml',
      ),
    ).toThrow(/mustNotExist\[0\]\.jsonPointers: list at least one key/);
    expect(() =>
      parseIgnoreRulesFile(
        `${base}mustNotExist:\n  - {id: r, reason: x, group: '', kind: Namespace, jsonPointers: [/a]}\n`,
        'f.yaml',
      ),
    ).toThrow('f.yaml: rules[0]: duplicate id "r"; give each rule its own id');
  });
});
