import { describe, expect, it } from 'vitest';
import { ignoreDifferences, parseIgnoreRules } from './ignore-rules';

describe('ignore rules', () => {
  it('leave HPA-owned replicas of Deployments to the autoscaler', () => {
    expect(ignoreDifferences()).toContainEqual({ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] });
  });

  it('keep managedFieldsManagers when a rule names them', () => {
    expect(
      parseIgnoreRules(
        'rules:\n  - {group: "", kind: ConfigMap, jsonPointers: [/data], managedFieldsManagers: [kube-controller-manager]}\n',
      ),
    ).toStrictEqual([
      { group: '', kind: 'ConfigMap', jsonPointers: ['/data'], managedFieldsManagers: ['kube-controller-manager'] },
    ]);
  });

  it('reject a rule whose pointer is not a JSON pointer, naming the file and the rule', () => {
    expect(() =>
      parseIgnoreRules('rules:\n  - {group: apps, kind: Deployment, jsonPointers: [spec.replicas]}\n'),
    ).toThrow(
      /libs\/render-kit\/src\/ignore-rules.yaml: invalid ignore rules \(rules.0.jsonPointers.0: must be a JSON pointer/,
    );
  });
});
