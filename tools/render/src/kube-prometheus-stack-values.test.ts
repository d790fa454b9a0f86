import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '@go-coffee/kube-objects';
import { readCommittedTree } from './committed-tree';
import { kubePrometheusStackViolations } from './kube-prometheus-stack-values';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

const stack = (values: object): Manifest => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'kube-prometheus-stack', namespace: 'argocd' },
  spec: { source: { chart: 'kube-prometheus-stack', helm: { valuesObject: values } } },
});
const onCloud = (cloud: string) => ({ prometheus: { prometheusSpec: { externalLabels: { cloud } } } });

describe('kube-prometheus-stack values', () => {
  it('fit every committed cluster: no hidden control-plane scrapes or rules, Grafana not replicated on SQLite', () => {
    const objects = readCommittedTree(workspaceRoot);
    expect(
      objects.filter(
        (o) =>
          o.manifest.spec &&
          (o.manifest.spec as { source?: { chart?: string } }).source?.chart === 'kube-prometheus-stack',
      ),
    ).toHaveLength(6);
    expect(kubePrometheusStackViolations(objects)).toStrictEqual([]);
  });

  it('flag the old shape on EKS: chart defaults scrape the controller manager and scheduler, Grafana x2 on SQLite', () => {
    const violations = kubePrometheusStackViolations([
      {
        cluster: 'prod-aws',
        manifest: stack({ ...onCloud('aws'), grafana: { persistence: { enabled: false }, replicas: 2 } }),
      },
    ]);
    expect(violations).toContain(
      "prod-aws: argoproj.io/v1alpha1 Application argocd/kube-prometheus-stack: kubeControllerManager.enabled must be false on aws's managed control plane (nothing to scrape)",
    );
    expect(violations).toContain(
      "prod-aws: argoproj.io/v1alpha1 Application argocd/kube-prometheus-stack: defaultRules.rules.kubeSchedulerAlerting must be false on aws's managed control plane (fires forever)",
    );
    expect(violations).toContain(
      'prod-aws: argoproj.io/v1alpha1 Application argocd/kube-prometheus-stack: grafana.replicas 2 on SQLite; run one replica or configure a shared database',
    );
    expect(violations).toHaveLength(10);
  });

  it('accept replicated Grafana on a shared database', () => {
    const values = {
      ...onCloud('self-managed'),
      grafana: { replicas: 2, 'grafana.ini': { database: { type: 'postgres' } } },
    };
    expect(kubePrometheusStackViolations([{ cluster: 'c', manifest: stack(values) }])).toStrictEqual([]);
  });
});
