// Whether kube-prometheus-stack is configured for the cluster it runs on, read from the rendered Application:
//   - managed control planes (every cloud here: EKS, GKE, AKS) expose no controller-manager, scheduler or etcd
//     metrics and keep kube-proxy's on 127.0.0.1; a scrape or default rule left on for them is an alert that
//     fires forever (KubeControllerManagerDown, KubeSchedulerDown, etcdMembersDown, KubeProxyDown). The chart
//     renders a component's rules only when both `<component>.enabled` and its `defaultRules.rules` keys are on;
//     both must be off.
//   - Grafana on SQLite (the default database) keeps users and sessions per pod: more than one replica needs a
//     shared database in `grafana.ini`.
import { describeObject } from '@go-coffee/kube-objects';
import type { ClusterObject } from './committed-tree';

type Loose = Record<string, unknown>;

/** Component switch → the `defaultRules.rules` keys of its rules, in kube-prometheus-stack 72.x. */
const HIDDEN_ON_MANAGED_CONTROL_PLANES: Readonly<Record<string, readonly string[]>> = {
  kubeControllerManager: ['kubeControllerManager'],
  kubeEtcd: ['etcd'],
  kubeProxy: ['kubeProxy'],
  kubeScheduler: ['kubeSchedulerAlerting', 'kubeSchedulerRecording'],
};
const MANAGED_CONTROL_PLANE_CLOUDS = new Set(['aws', 'gcp', 'azure']);

const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as Loose)[key] : undefined),
    value,
  );

/** One message per misconfiguration of a kube-prometheus-stack Application. */
export function kubePrometheusStackViolations(objects: readonly ClusterObject[]): string[] {
  const violations: string[] = [];
  for (const { cluster, manifest } of objects) {
    if (manifest.kind !== 'Application' || at(manifest.spec, 'source', 'chart') !== 'kube-prometheus-stack') continue;
    const where = `${cluster}: ${describeObject(manifest)}`;
    const values = at(manifest.spec, 'source', 'helm', 'valuesObject');
    const cloud = at(values, 'prometheus', 'prometheusSpec', 'externalLabels', 'cloud');
    if (typeof cloud !== 'string') {
      violations.push(`${where}: prometheus.prometheusSpec.externalLabels.cloud is not set; the checks need the cloud`);
    } else if (MANAGED_CONTROL_PLANE_CLOUDS.has(cloud)) {
      for (const [component, rules] of Object.entries(HIDDEN_ON_MANAGED_CONTROL_PLANES)) {
        if (at(values, component, 'enabled') !== false) {
          violations.push(
            `${where}: ${component}.enabled must be false on ${cloud}'s managed control plane (nothing to scrape)`,
          );
        }
        for (const rule of rules) {
          if (at(values, 'defaultRules', 'rules', rule) !== false) {
            violations.push(
              `${where}: defaultRules.rules.${rule} must be false on ${cloud}'s managed control plane (fires forever)`,
            );
          }
        }
      }
    }
    const replicas = at(values, 'grafana', 'replicas') ?? 1;
    const database = at(values, 'grafana', 'grafana.ini', 'database', 'type') ?? 'sqlite3';
    if (typeof replicas === 'number' && replicas > 1 && database === 'sqlite3') {
      violations.push(
        `${where}: grafana.replicas ${replicas} on SQLite; run one replica or configure a shared database`,
      );
    }
  }
  return violations.sort();
}
