import { describe, expect, it } from 'vitest';
import { buildClusterGraph } from './cluster-graph';
import { application, deployment, egressPolicy, managedCluster, toNamespace } from '../test-support/cluster-objects';
import { TRACKING_ID_ANNOTATION } from '@go-coffee/kube-objects';

describe('cluster graph', () => {
  it('draws Applications under their parent, into the namespaces of their workloads, and egress with its ports', () => {
    const graph = buildClusterGraph(managedCluster());
    expect(graph.edges).toStrictEqual([
      { from: 'application:core', to: 'application:keda', label: '' },
      { from: 'application:core', to: 'namespace:shop', label: '' },
      { from: 'application:keda', to: 'namespace:keda', label: '' },
      { from: 'application:payments', to: 'namespace:shop', label: '' },
      { from: 'application:root', to: 'application:core', label: '' },
      { from: 'application:root', to: 'application:payments', label: '' },
      { from: 'workload:shop/api', to: 'workload:shop/pay', label: ':8083' },
      { from: 'workload:shop/api', to: 'workload:shop/worker', label: ':8080' },
      { from: 'workload:shop/pay', to: 'endpoint:0.0.0.0/0 except private ranges, 169.254.169.254/32', label: ':443' },
      { from: 'workload:shop/worker', to: 'data:kafka', label: ':9096' },
    ]);
  });

  it('names Applications with wave and sync policy, managed data by its provider, the internet as such', () => {
    const lines = new Map(buildClusterGraph(managedCluster()).nodes.map((node) => [node.key, node.lines]));
    expect(lines.get('application:payments')).toStrictEqual(['payments', 'wave 0 · manual sync']);
    expect(lines.get('application:keda')).toStrictEqual(['keda', 'chart keda 1.2.3', 'wave 0 · automated']);
    expect(lines.get('data:kafka')).toStrictEqual(['Kafka', 'Amazon MSK', 'private network']);
    expect(lines.get('endpoint:0.0.0.0/0 except private ranges, 169.254.169.254/32')).toStrictEqual([
      'public internet',
      '0.0.0.0/0 except private ranges, 169.254.169.254/32',
    ]);
  });

  it('lists every container image with its replicas, the autoscaler range when one scales it', () => {
    expect(buildClusterGraph(managedCluster()).images).toStrictEqual([
      {
        application: 'core',
        namespace: 'shop',
        workload: 'api',
        kind: 'Deployment',
        container: 'api',
        image: 'ghcr.io/go-coffee/api:1.0.0',
        replicas: '2–5 (HPA)',
      },
      {
        application: 'core',
        namespace: 'shop',
        workload: 'worker',
        kind: 'Deployment',
        container: 'worker',
        image: 'ghcr.io/go-coffee/worker:1.0.0',
        replicas: '1',
      },
      {
        application: 'payments',
        namespace: 'shop',
        workload: 'pay',
        kind: 'Deployment',
        container: 'pay',
        image: 'ghcr.io/go-coffee/pay:2.0.0',
        replicas: '1',
      },
    ]);
  });

  it('points in-cluster data egress at the operator-run data service in that namespace', () => {
    // GIVEN dev's shape: Strimzi Kafka in the data namespace, a client allowed to its namespace on 9092
    const objects = [
      application('core', 'root'),
      application('data', 'root'),
      deployment('core', 'shop', 'api', 'ghcr.io/go-coffee/api:1.0.0'),
      {
        apiVersion: 'kafka.strimzi.io/v1beta2',
        kind: 'Kafka',
        metadata: {
          name: 'events',
          namespace: 'data',
          annotations: { [TRACKING_ID_ANNOTATION]: 'data:kafka.strimzi.io/Kafka:data/events' },
        },
        spec: { kafka: { version: '3.9.0', replicas: 3 } },
      },
      egressPolicy('core', 'shop', 'api', [toNamespace('data', 9092), toNamespace('data', 8080)]),
    ];
    // WHEN drawn
    const graph = buildClusterGraph(objects);
    // THEN the Kafka port lands on the Kafka node, any other port on the namespace
    expect(graph.edges.filter((edge) => edge.from === 'workload:shop/api')).toStrictEqual([
      { from: 'workload:shop/api', to: 'namespace:data', label: ':8080' },
      { from: 'workload:shop/api', to: 'workload:data/events', label: ':9092' },
    ]);
    expect(graph.nodes.find((node) => node.key === 'workload:data/events')?.lines).toStrictEqual([
      'Kafka',
      'Strimzi events',
    ]);
    expect(graph.images.find((row) => row.workload === 'events')?.replicas).toBe('3');
  });

  it('points egress to a namespace it has no workload of at that namespace, with all the ports on one arrow', () => {
    const objects = [
      application('core', 'root'),
      deployment('core', 'shop', 'api', 'ghcr.io/go-coffee/api:1.0.0'),
      egressPolicy('core', 'shop', 'api', [toNamespace('monitoring', 9093), toNamespace('monitoring', 80)]),
    ];
    expect(buildClusterGraph(objects).edges.filter((edge) => edge.from === 'workload:shop/api')).toStrictEqual([
      { from: 'workload:shop/api', to: 'namespace:monitoring', label: ':80, :9093' },
    ]);
  });

  it('does not draw namespace-wide policies (default deny, DNS)', () => {
    const keys = buildClusterGraph(managedCluster()).nodes.map((node) => node.key);
    expect(keys).not.toContain('namespace:kube-system');
  });

  it('is the same graph whatever order the objects come in', () => {
    const objects = managedCluster();
    expect(buildClusterGraph([...objects].reverse())).toStrictEqual(buildClusterGraph(objects));
  });
});
