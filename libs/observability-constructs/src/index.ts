// Public entry point of @go-coffee/observability-constructs: alerting rules, Alertmanager routing and
// Grafana dashboards as cdk8s constructs, plus the PromQL syntax check they share.
export { ALERT_SEVERITIES, PrometheusAlertRules } from './prometheus-alert-rules';
export type { AlertRule, AlertRuleGroup, AlertSeverity, PrometheusAlertRulesProps } from './prometheus-alert-rules';
export { AlertmanagerRouting, NULL_RECEIVER } from './alertmanager-routing';
export type {
  AlertmanagerRoutingProps,
  EmailNotifier,
  SecretKeyReference,
  SeverityRoute,
  SlackNotifier,
} from './alertmanager-routing';
export { GrafanaDashboard, GRAFANA_DASHBOARD_LABEL, GRAFANA_FOLDER_ANNOTATION } from './grafana-dashboard';
export type { GrafanaDashboardProps } from './grafana-dashboard';
export { buildDashboardJson } from './dashboard-model';
export type {
  DashboardDefinition,
  DashboardPanel,
  DashboardQuery,
  DashboardRow,
  DashboardThreshold,
} from './dashboard-model';
export { assertValidPromql, findPromqlSyntaxError, topLevelComparison } from './promql-syntax';
export type { PromqlComparison, PromqlSyntaxError } from './promql-syntax';
export { prometheusDurationSeconds } from './prometheus-duration';
export { sortedJson } from './sorted-json';
