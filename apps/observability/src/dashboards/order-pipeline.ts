// Order pipeline: orders in (producer), through Kafka (consumer lag), to the kitchen (gRPC) and payment.
// Kafka lag comes from Strimzi's Kafka Exporter in dev and from KEDA's view of the lag everywhere.
import { NAMESPACES } from '@go-coffee/render-kit';
import type { DashboardDefinition } from '@go-coffee/observability-constructs';

const CORE = `namespace="${NAMESPACES.core}"`;

export const orderPipelineDashboard: DashboardDefinition = {
  uid: 'go-coffee-order-pipeline',
  title: 'Go Coffee / Order pipeline',
  tags: ['go-coffee', 'orders', 'business'],
  rows: [
    {
      title: 'Orders',
      panels: [
        {
          title: 'Orders per minute',
          kind: 'stat',
          width: 8,
          queries: [{ expr: `sum(rate(coffee_orders_total{${CORE}}[5m])) * 60` }],
        },
        {
          title: 'Orders per minute (trend)',
          kind: 'timeseries',
          width: 16,
          queries: [{ expr: `sum(rate(coffee_orders_total{${CORE}}[5m])) * 60`, legend: 'orders/min' }],
        },
      ],
    },
    {
      title: 'Kafka',
      panels: [
        {
          title: 'Consumer lag by group (Kafka Exporter)',
          kind: 'timeseries',
          queries: [
            {
              expr: 'sum by (consumergroup, topic) (kafka_consumergroup_lag)',
              legend: '{{consumergroup}} / {{topic}}',
            },
          ],
        },
        {
          title: 'Messages in per second by topic (Kafka Exporter)',
          kind: 'timeseries',
          queries: [
            {
              expr: 'sum by (topic) (rate(kafka_topic_partition_current_offset{topic!~"__.*"}[5m]))',
              legend: '{{topic}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Kitchen and payment',
      panels: [
        {
          title: 'Kitchen gRPC calls by code',
          kind: 'timeseries',
          width: 8,
          queries: [
            {
              expr: `sum by (grpc_code) (rate(grpc_server_handled_total{${CORE},service="kitchen-service"}[5m]))`,
              legend: '{{grpc_code}}',
            },
          ],
        },
        {
          title: 'Payments by status',
          kind: 'timeseries',
          width: 8,
          queries: [{ expr: `sum by (status) (rate(payment_transactions_total{${CORE}}[5m]))`, legend: '{{status}}' }],
        },
        {
          title: 'Payment failure ratio',
          kind: 'stat',
          width: 8,
          unit: 'percentunit',
          queries: [
            {
              expr: `sum(rate(payment_transactions_total{${CORE},status="failed"}[5m])) / sum(rate(payment_transactions_total{${CORE}}[5m]))`,
            },
          ],
          thresholds: [{ value: 0.02, color: 'red' }],
        },
      ],
    },
  ],
};
