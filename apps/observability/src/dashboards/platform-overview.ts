// Platform overview: is the platform up, how much traffic, how many errors, how slow, how loaded are nodes.
import { NAMESPACES } from '@go-coffee/render-kit';
import type { DashboardDefinition } from '@go-coffee/observability-constructs';

const SERVICES = `namespace=~"${NAMESPACES.core}|${NAMESPACES.functions}"`;

export const platformOverviewDashboard: DashboardDefinition = {
  uid: 'go-coffee-platform-overview',
  title: 'Go Coffee / Platform overview',
  tags: ['go-coffee', 'overview'],
  rows: [
    {
      title: 'Health',
      panels: [
        {
          title: 'Targets down',
          kind: 'stat',
          width: 6,
          queries: [{ expr: 'count(up == 0) or vector(0)' }],
          thresholds: [{ value: 1, color: 'red' }],
        },
        {
          title: 'Firing alerts',
          kind: 'stat',
          width: 6,
          queries: [{ expr: 'count(ALERTS{alertstate="firing",alertname!="Watchdog"}) or vector(0)' }],
          thresholds: [{ value: 1, color: 'orange' }],
        },
        {
          title: 'Requests per second',
          kind: 'stat',
          width: 6,
          unit: 'reqps',
          queries: [{ expr: `sum(rate(http_requests_total{${SERVICES}}[5m]))` }],
        },
        {
          title: 'Error ratio',
          kind: 'stat',
          width: 6,
          unit: 'percentunit',
          queries: [
            {
              expr: `sum(rate(http_requests_total{${SERVICES},code=~"5.."}[5m])) / sum(rate(http_requests_total{${SERVICES}}[5m]))`,
            },
          ],
          thresholds: [{ value: 0.05, color: 'red' }],
        },
      ],
    },
    {
      title: 'Services',
      panels: [
        {
          title: 'Requests per second by service',
          kind: 'timeseries',
          unit: 'reqps',
          queries: [{ expr: `sum by (service) (rate(http_requests_total{${SERVICES}}[5m]))`, legend: '{{service}}' }],
        },
        {
          title: 'P95 latency by service',
          kind: 'timeseries',
          unit: 's',
          queries: [
            {
              expr: `histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket{${SERVICES}}[5m])))`,
              legend: '{{service}}',
            },
          ],
          thresholds: [{ value: 1, color: 'red' }],
        },
      ],
    },
    {
      title: 'Nodes',
      panels: [
        {
          title: 'CPU usage by node',
          kind: 'timeseries',
          width: 8,
          unit: 'percent',
          queries: [
            {
              expr: '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])))',
              legend: '{{instance}}',
            },
          ],
          thresholds: [{ value: 80, color: 'orange' }],
        },
        {
          title: 'Memory usage by node',
          kind: 'timeseries',
          width: 8,
          unit: 'percent',
          queries: [
            { expr: '100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)', legend: '{{instance}}' },
          ],
          thresholds: [{ value: 85, color: 'orange' }],
        },
        {
          title: 'Pod restarts (1h)',
          kind: 'timeseries',
          width: 8,
          queries: [
            {
              expr: `sum by (namespace) (increase(kube_pod_container_status_restarts_total{${SERVICES}}[1h]))`,
              legend: '{{namespace}}',
            },
          ],
        },
      ],
    },
  ],
};
