// Distribution per cloud: nodes, capacity and Go Coffee pods by cloud provider. The cloud is read from the
// node's provider id (`aws:///…`, `gce://…`, `azure:///…`, set by each cloud's controller manager), so the
// dashboard works in one cluster and unchanged in a cross-cluster query view.
import { NAMESPACES } from '@go-coffee/render-kit';
import type { DashboardDefinition } from '@go-coffee/observability-constructs';

/**
 * kube-state-metrics node info with a `cloud` label derived from provider_id, named like the clusters' `cloud`
 * external label (aws, gcp, azure): GKE's provider id scheme is `gce`, renamed to `gcp`.
 */
export const NODE_CLOUD =
  'label_replace(label_replace(kube_node_info, "cloud", "$1", "provider_id", "([a-z]+):.*"), "cloud", "gcp", "cloud", "gce")';

export const cloudDistributionDashboard: DashboardDefinition = {
  uid: 'go-coffee-cloud-distribution',
  title: 'Go Coffee / Distribution per cloud',
  tags: ['go-coffee', 'multi-cloud'],
  rows: [
    {
      title: 'Capacity',
      panels: [
        {
          title: 'Nodes by cloud',
          kind: 'timeseries',
          width: 8,
          queries: [{ expr: `count by (cloud) (${NODE_CLOUD})`, legend: '{{cloud}}' }],
        },
        {
          title: 'Allocatable CPU cores by cloud',
          kind: 'timeseries',
          width: 8,
          queries: [
            {
              expr: `sum by (cloud) (kube_node_status_allocatable{resource="cpu"} * on (node) group_left (cloud) ${NODE_CLOUD})`,
              legend: '{{cloud}}',
            },
          ],
        },
        {
          title: 'Allocatable memory by cloud',
          kind: 'timeseries',
          width: 8,
          unit: 'bytes',
          queries: [
            {
              expr: `sum by (cloud) (kube_node_status_allocatable{resource="memory"} * on (node) group_left (cloud) ${NODE_CLOUD})`,
              legend: '{{cloud}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Workloads',
      panels: [
        {
          title: 'Go Coffee pods by cloud',
          kind: 'timeseries',
          queries: [
            {
              expr: `count by (cloud) (kube_pod_info{namespace=~"${NAMESPACES.core}|${NAMESPACES.functions}"} * on (node) group_left (cloud) ${NODE_CLOUD})`,
              legend: '{{cloud}}',
            },
          ],
        },
        {
          title: 'CPU used by Go Coffee pods by cloud',
          kind: 'timeseries',
          queries: [
            {
              expr: `sum by (cloud) (sum by (node) (rate(container_cpu_usage_seconds_total{namespace=~"${NAMESPACES.core}|${NAMESPACES.functions}",container!=""}[5m])) * on (node) group_left (cloud) ${NODE_CLOUD})`,
              legend: '{{cloud}}',
            },
          ],
        },
      ],
    },
  ],
};
