// Whether every CloudNativePG cluster is scraped the way CloudNativePG 1.28 supports: by a PodMonitor we render
// (selecting the instances by `cnpg.io/cluster`, port `metrics`), never by the deprecated
// `spec.monitoring.enablePodMonitor`, which later releases drop and which leaves the operator owning a
// monitoring object Argo CD does not track.
import { describeObject } from '@go-coffee/kube-objects';
import type { ClusterObject } from './committed-tree';

type Loose = Record<string, unknown>;

/** One message per CNPG Cluster that uses the deprecated switch or that no PodMonitor scrapes. */
export function cnpgPodMonitorViolations(objects: readonly ClusterObject[]): string[] {
  const monitored = new Set<string>();
  for (const { cluster, manifest } of objects) {
    if (manifest.kind !== 'PodMonitor') continue;
    const spec = (manifest.spec ?? {}) as Loose;
    const selected = ((spec.selector as Loose | undefined)?.matchLabels as Loose | undefined)?.['cnpg.io/cluster'];
    const ports = ((spec.podMetricsEndpoints ?? []) as Loose[]).map((endpoint) => endpoint.port);
    if (typeof selected === 'string' && ports.includes('metrics')) {
      monitored.add(`${cluster} ${manifest.metadata.namespace}/${selected}`);
    }
  }
  const violations: string[] = [];
  for (const { cluster, manifest } of objects) {
    if (manifest.kind !== 'Cluster' || !manifest.apiVersion.startsWith('postgresql.cnpg.io/')) continue;
    const where = `${cluster}: ${describeObject(manifest)}`;
    const monitoring = ((manifest.spec ?? {}) as Loose).monitoring as Loose | undefined;
    if (monitoring?.enablePodMonitor !== undefined) {
      violations.push(
        `${where}: spec.monitoring.enablePodMonitor is deprecated in CloudNativePG 1.28; render a PodMonitor`,
      );
    }
    if (!monitored.has(`${cluster} ${manifest.metadata.namespace}/${manifest.metadata.name}`)) {
      violations.push(`${where}: no PodMonitor selects cnpg.io/cluster=${manifest.metadata.name} on port "metrics"`);
    }
  }
  return violations.sort();
}
