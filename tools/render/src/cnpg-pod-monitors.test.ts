import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '@go-coffee/kube-objects';
import { readCommittedTree } from './committed-tree';
import { cnpgPodMonitorViolations } from './cnpg-pod-monitors';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

const postgres = (spec: object): Manifest => ({
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name: 'go-coffee-postgres', namespace: 'go-coffee-data' },
  spec,
});

describe('CloudNativePG monitoring', () => {
  it('every committed CNPG cluster is scraped by a rendered PodMonitor, none through enablePodMonitor', () => {
    const objects = readCommittedTree(workspaceRoot);
    expect(objects.filter((o) => o.manifest.apiVersion.startsWith('postgresql.cnpg.io/')).length).toBeGreaterThan(0);
    expect(cnpgPodMonitorViolations(objects)).toStrictEqual([]);
  });

  it('flags the old shape: the deprecated switch and no PodMonitor', () => {
    expect(
      cnpgPodMonitorViolations([{ cluster: 'dev', manifest: postgres({ monitoring: { enablePodMonitor: true } }) }]),
    ).toStrictEqual([
      'dev: postgresql.cnpg.io/v1 Cluster go-coffee-data/go-coffee-postgres: no PodMonitor selects cnpg.io/cluster=go-coffee-postgres on port "metrics"',
      'dev: postgresql.cnpg.io/v1 Cluster go-coffee-data/go-coffee-postgres: spec.monitoring.enablePodMonitor is deprecated in CloudNativePG 1.28; render a PodMonitor',
    ]);
  });
});
