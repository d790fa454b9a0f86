// The observability area of one cluster: the monitoring stack as Argo CD Applications of upstream Helm
// charts, the Go Coffee alert rules, Alertmanager's routing, the secrets they reference (as ExternalSecrets)
// and the dashboards. Everything lands in the monitoring namespace; the Applications live in argocd.
import type { Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import { NAMESPACES, UpstreamChartApplication, type UpstreamChart } from '@go-coffee/render-kit';
import { observabilityCharts } from './area';
import {
  CLOUD_SECRET_STORE,
  ExternalSecret,
  LABEL_NAME,
  LABEL_OWNER,
  secretManagerKey,
} from '@go-coffee/workload-constructs';
import {
  AlertmanagerRouting,
  GrafanaDashboard,
  PrometheusAlertRules,
  type DashboardDefinition,
} from '@go-coffee/observability-constructs';
import { cloudDistributionDashboard } from './dashboards/cloud-distribution';
import { eventFunctionsDashboard } from './dashboards/event-functions';
import { orderPipelineDashboard } from './dashboards/order-pipeline';
import { platformOverviewDashboard } from './dashboards/platform-overview';
import { goCoffeeAlertGroups } from './go-coffee-alerts';
import { kubePrometheusStackValues, MONITORING_NAMES } from './kube-prometheus-stack-values';
import { lokiValues } from './loki-values';
import { monitoringProfile } from './monitoring-profile';
import { tempoValues } from './tempo-values';

export const OBSERVABILITY_AREA = 'observability';
/** Team paged for everything this area renders. */
export const OBSERVABILITY_OWNER = 'platform-engineering';

export const GO_COFFEE_DASHBOARDS: readonly DashboardDefinition[] = [
  platformOverviewDashboard,
  orderPipelineDashboard,
  eventFunctionsDashboard,
  cloudDistributionDashboard,
];

function labels(name: string): Record<string, string> {
  return { [LABEL_NAME]: name, [LABEL_OWNER]: OBSERVABILITY_OWNER };
}

function helmApplication(
  chart: Chart,
  ctx: ClusterContext,
  upstream: UpstreamChart,
  releaseName: string,
  values: Record<string, unknown>,
  syncOptions: readonly string[],
): void {
  new UpstreamChartApplication(chart, `app-${releaseName}`, {
    chart: upstream,
    ctx,
    name: releaseName,
    area: OBSERVABILITY_AREA,
    destinationNamespace: NAMESPACES.monitoring,
    values,
    syncOptions,
    labels: labels(releaseName),
  });
}

/** Adds the observability objects of one cluster to `chart`. */
export function renderObservability(chart: Chart, ctx: ClusterContext): void {
  const profile = monitoringProfile(ctx);
  const monitoring = NAMESPACES.monitoring;

  // kube-prometheus-stack's CRDs exceed the client-side apply annotation limit, hence server-side apply.
  helmApplication(
    chart,
    ctx,
    observabilityCharts.kubePrometheusStack,
    MONITORING_NAMES.release,
    kubePrometheusStackValues(ctx, profile),
    ['ServerSideApply=true'],
  );
  helmApplication(chart, ctx, observabilityCharts.loki, MONITORING_NAMES.lokiRelease, lokiValues(ctx, profile), []);
  helmApplication(chart, ctx, observabilityCharts.tempo, MONITORING_NAMES.tempoRelease, tempoValues(ctx, profile), []);

  const grafanaAdminKey = secretManagerKey(ctx, 'monitoring', 'grafana-admin');
  const alertmanagerKey = secretManagerKey(ctx, 'monitoring', 'alertmanager');
  new ExternalSecret(chart, 'grafana-admin', {
    name: MONITORING_NAMES.grafanaAdminSecret,
    namespace: monitoring,
    secretStoreName: CLOUD_SECRET_STORE,
    labels: labels('grafana'),
    data: [
      { secretKey: 'admin-user', remoteKey: grafanaAdminKey, property: 'user' },
      { secretKey: 'admin-password', remoteKey: grafanaAdminKey, property: 'password' },
    ],
  });
  new ExternalSecret(chart, 'alertmanager-notifications', {
    name: MONITORING_NAMES.notificationSecret,
    namespace: monitoring,
    secretStoreName: CLOUD_SECRET_STORE,
    labels: labels('alertmanager'),
    data: [
      { secretKey: 'slack-webhook-url', remoteKey: alertmanagerKey, property: 'slack_webhook_url' },
      { secretKey: 'smtp-password', remoteKey: alertmanagerKey, property: 'smtp_password' },
    ],
  });

  new PrometheusAlertRules(chart, 'alerts', {
    name: 'go-coffee-alerts',
    namespace: monitoring,
    labels: labels('go-coffee-alerts'),
    groups: goCoffeeAlertGroups(ctx),
  });

  const routing = new AlertmanagerRouting(chart, 'alert-routing', {
    name: MONITORING_NAMES.alertRouting,
    namespace: monitoring,
    slack: { webhookUrl: { name: MONITORING_NAMES.notificationSecret, key: 'slack-webhook-url' } },
    email: {
      from: 'alerts@go-coffee.com',
      smarthost: 'smtp.go-coffee.com:587',
      authUsername: 'alerts@go-coffee.com',
      authPassword: { name: MONITORING_NAMES.notificationSecret, key: 'smtp-password' },
    },
    routes: [
      {
        severity: 'critical',
        slackChannel: `#go-coffee-${ctx.environment}-critical`,
        // Only production pages people by email; other environments stay in Slack.
        emailTo: ctx.environment === 'prod' ? ['oncall@go-coffee.com', 'platform@go-coffee.com'] : [],
        repeatInterval: '1h',
      },
      { severity: 'warning', slackChannel: `#go-coffee-${ctx.environment}-alerts`, repeatInterval: '4h' },
    ],
  });
  for (const [key, value] of Object.entries(labels('alertmanager'))) routing.apiObject.metadata.addLabel(key, value);

  for (const dashboard of GO_COFFEE_DASHBOARDS) {
    new GrafanaDashboard(chart, `dashboard-${dashboard.uid}`, {
      name: `dashboard-${dashboard.uid.replace(/^go-coffee-/, '')}`,
      namespace: monitoring,
      dashboard,
      folder: 'Go Coffee',
      labels: labels('grafana-dashboards'),
    });
  }
}
