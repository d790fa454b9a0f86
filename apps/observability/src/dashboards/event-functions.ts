// Event functions: how KEDA scales them on Kafka lag, how many replicas run, and what they cost in CPU and
// memory. KEDA's operator metrics plus kube-state-metrics and cAdvisor (kubelet) series.
import { NAMESPACES } from '@go-coffee/render-kit';
import type { DashboardDefinition } from '@go-coffee/observability-constructs';

const FUNCTIONS = `namespace="${NAMESPACES.functions}"`;

export const eventFunctionsDashboard: DashboardDefinition = {
  uid: 'go-coffee-event-functions',
  title: 'Go Coffee / Event functions',
  tags: ['go-coffee', 'functions', 'keda'],
  rows: [
    {
      title: 'Scaling',
      panels: [
        {
          title: 'Replicas by function',
          kind: 'timeseries',
          queries: [
            { expr: `sum by (deployment) (kube_deployment_status_replicas{${FUNCTIONS}})`, legend: '{{deployment}}' },
          ],
        },
        {
          title: 'Scaler metric (Kafka lag) by ScaledObject',
          kind: 'timeseries',
          queries: [
            { expr: `sum by (scaledObject) (keda_scaler_metrics_value{${FUNCTIONS}})`, legend: '{{scaledObject}}' },
          ],
        },
        {
          title: 'Active scalers',
          kind: 'stat',
          width: 8,
          queries: [{ expr: `sum(keda_scaler_active{${FUNCTIONS}})` }],
        },
        {
          title: 'Dead-letter messages per minute',
          kind: 'timeseries',
          width: 16,
          queries: [
            {
              expr: 'sum by (topic) (rate(kafka_topic_partition_current_offset{topic=~".*[.-]dlq"}[5m])) * 60',
              legend: '{{topic}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Resources',
      panels: [
        {
          title: 'CPU by function',
          kind: 'timeseries',
          unit: 'short',
          queries: [
            {
              expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${FUNCTIONS},container!=""}[5m]))`,
              legend: '{{pod}}',
            },
          ],
        },
        {
          title: 'Memory working set by function',
          kind: 'timeseries',
          unit: 'bytes',
          queries: [
            {
              expr: `sum by (pod) (container_memory_working_set_bytes{${FUNCTIONS},container!=""})`,
              legend: '{{pod}}',
            },
          ],
        },
      ],
    },
  ],
};
