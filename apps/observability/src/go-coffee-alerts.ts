// The platform guide's eight alerts. Each expression states its threshold as the last comparison, on the
// metrics of a named exporter, so the numbers the guide asks for are visible (and tested) in one place.
//
// Metric sources:
//   node-exporter (kube-prometheus-stack):   node_cpu_seconds_total, node_memory_*, node_filesystem_*
//   Prometheus itself:                       up (one series per scrape target)
//   Go Coffee services (client_golang HTTP middleware, scraped by their ServiceMonitors):
//                                            http_requests_total{code}, http_request_duration_seconds_bucket
//   order producer (business counter):       coffee_orders_total — one increment per order accepted
//   web3-payment-service (business counter): payment_transactions_total{status="succeeded"|"failed"}
// The `service` label comes from the Prometheus Operator, which sets it to the scraped Service's name.
import type { ClusterContext } from '@go-coffee/environments';
import { NAMESPACES } from '@go-coffee/render-kit';
import type { AlertRule, AlertRuleGroup } from '@go-coffee/observability-constructs';

/** Namespaces whose HTTP services the error-rate and latency alerts watch. */
const SERVICE_NAMESPACES = `${NAMESPACES.core}|${NAMESPACES.functions}`;
const HTTP_SCOPE = `namespace=~"${SERVICE_NAMESPACES}"`;
/** File systems that are not real disks (node-exporter reports them too). */
const REAL_FILESYSTEMS = 'fstype!~"tmpfs|overlay|squashfs|ramfs|nsfs",mountpoint!=""';

/** Runbook of an alert: a Markdown file next to this app, at the revision the cluster is synced to. */
export function runbookUrl(ctx: ClusterContext, alert: string): string {
  const repository = ctx.gitops.repoURL.replace(/\.git$/, '');
  const file = alert
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `${repository}/blob/${ctx.gitops.targetRevision}/apps/observability/runbooks/${file}.md`;
}

export function goCoffeeAlertGroups(ctx: ClusterContext): AlertRuleGroup[] {
  const rule = (definition: Omit<AlertRule, 'runbookUrl'>): AlertRule => ({
    ...definition,
    runbookUrl: runbookUrl(ctx, definition.alert),
  });
  return [
    {
      name: 'go-coffee.infrastructure',
      rules: [
        rule({
          alert: 'HighCPUUsage',
          // node-exporter: share of non-idle CPU time per node over 5 minutes.
          expr: '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))) > 80',
          for: '5m',
          severity: 'warning',
          summary: 'CPU usage above 80% on {{ $labels.instance }}',
          description: 'Node {{ $labels.instance }} has used {{ $value | printf "%.0f" }}% CPU for 5 minutes.',
        }),
        rule({
          alert: 'HighMemoryUsage',
          // node-exporter: memory not available to new allocations (page cache counts as available).
          expr: '100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) > 85',
          for: '5m',
          severity: 'warning',
          summary: 'Memory usage above 85% on {{ $labels.instance }}',
          description: 'Node {{ $labels.instance }} has used {{ $value | printf "%.0f" }}% memory for 5 minutes.',
        }),
        rule({
          alert: 'DiskSpaceLow',
          // node-exporter: used share of each real file system.
          expr: `100 * (1 - node_filesystem_avail_bytes{${REAL_FILESYSTEMS}} / node_filesystem_size_bytes{${REAL_FILESYSTEMS}}) > 90`,
          for: '2m',
          severity: 'critical',
          summary: 'Disk {{ $labels.mountpoint }} on {{ $labels.instance }} is over 90% full',
          description:
            'File system {{ $labels.mountpoint }} is {{ $value | printf "%.0f" }}% full; writes will fail soon.',
        }),
        rule({
          alert: 'ServiceDown',
          // Prometheus: `up` is 0 when a scrape target cannot be reached.
          expr: 'up == 0',
          for: '1m',
          severity: 'critical',
          summary: '{{ $labels.job }} in {{ $labels.namespace }} is down',
          description: 'Prometheus has not reached {{ $labels.instance }} ({{ $labels.job }}) for 1 minute.',
        }),
      ],
    },
    {
      name: 'go-coffee.services',
      rules: [
        rule({
          alert: 'HighErrorRate',
          // Service HTTP middleware: share of 5xx responses per service over 5 minutes.
          expr:
            `100 * sum by (namespace, service) (rate(http_requests_total{${HTTP_SCOPE},code=~"5.."}[5m]))` +
            ` / sum by (namespace, service) (rate(http_requests_total{${HTTP_SCOPE}}[5m])) > 5`,
          for: '2m',
          severity: 'critical',
          summary: '{{ $labels.service }} answers more than 5% of requests with 5xx',
          description:
            '{{ $labels.service }} in {{ $labels.namespace }} fails {{ $value | printf "%.1f" }}% of requests.',
        }),
        rule({
          alert: 'HighLatency',
          // Service HTTP middleware: 95th percentile of request duration per service, in seconds.
          expr:
            'histogram_quantile(0.95, sum by (namespace, service, le) ' +
            `(rate(http_request_duration_seconds_bucket{${HTTP_SCOPE}}[5m]))) > 1`,
          for: '5m',
          severity: 'warning',
          summary: '{{ $labels.service }} P95 latency above 1s',
          description: '95% of {{ $labels.service }} requests take up to {{ $value | printf "%.2f" }}s.',
        }),
      ],
    },
    {
      name: 'go-coffee.business',
      rules: [
        // Dev has no steady order traffic: an alert that counts silence as zero orders would fire there all day.
        ...(ctx.environment === 'dev'
          ? []
          : [
              rule({
                alert: 'LowOrderVolume',
                // Order producer: orders per minute; `or vector(0)` makes a silent producer count as zero orders.
                expr: `(sum(rate(coffee_orders_total{namespace="${NAMESPACES.core}"}[5m])) or vector(0)) * 60 < 1`,
                for: '10m',
                severity: 'warning',
                summary: 'Fewer than 1 coffee order per minute',
                description:
                  'Only {{ $value | printf "%.2f" }} orders/min for 10 minutes; check the order path end to end.',
              }),
            ]),
        rule({
          alert: 'PaymentFailures',
          // web3-payment-service: share of failed payment transactions over 5 minutes.
          expr:
            `100 * sum(rate(payment_transactions_total{namespace="${NAMESPACES.core}",status="failed"}[5m]))` +
            ` / sum(rate(payment_transactions_total{namespace="${NAMESPACES.core}"}[5m])) > 2`,
          for: '3m',
          severity: 'critical',
          summary: 'More than 2% of payments fail',
          description: '{{ $value | printf "%.1f" }}% of payment transactions failed over the last 5 minutes.',
        }),
      ],
    },
  ];
}
