// Prometheus Operator PrometheusRule holding alerting rules. Every alert must say how bad it is (severity,
// which Alertmanager routes on), what to do (runbook_url) and what happened (summary, description), and its
// PromQL must parse; the construct refuses anything less so no alert pages someone without a runbook.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { assertValidPromql } from './promql-syntax';
import { prometheusDurationSeconds } from './prometheus-duration';

/** Severities Alertmanager routes on; `critical` pages, `warning` notifies, `info` is only recorded. */
export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface AlertRule {
  /** Alert name in PascalCase, unique within the PrometheusRule, e.g. `HighErrorRate`. */
  readonly alert: string;
  /** PromQL expression; the alert is pending while it returns series. */
  readonly expr: string;
  /** How long the expression must hold before the alert fires, as a Prometheus duration, e.g. `5m`. */
  readonly for: string;
  readonly severity: AlertSeverity;
  /** One line shown as the notification title; may use `{{ $labels.x }}` templates. */
  readonly summary: string;
  /** What is wrong and its impact; may use `{{ $value }}`. */
  readonly description: string;
  /** https URL of the runbook telling the on-call engineer what to do. */
  readonly runbookUrl: string;
  /**
   * Extra labels on the fired alert (the `severity` label is set from `severity`).
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface AlertRuleGroup {
  /** Group name, unique within the PrometheusRule. */
  readonly name: string;
  /**
   * Evaluation interval of the group.
   * @default Prometheus' global evaluation interval
   */
  readonly interval?: string;
  /** At least one rule. */
  readonly rules: readonly AlertRule[];
}

export interface PrometheusAlertRulesProps {
  /** metadata.name of the PrometheusRule. */
  readonly name: string;
  /** Namespace of the PrometheusRule (where Prometheus' ruleNamespaceSelector finds it). */
  readonly namespace: string;
  /** At least one group. */
  readonly groups: readonly AlertRuleGroup[];
  /**
   * Labels on the PrometheusRule object, e.g. the ones Prometheus' ruleSelector matches.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const ALERT_NAME = /^[A-Z][A-Za-z0-9]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Renders a `monitoring.coreos.com/v1` PrometheusRule with validated alerting rules. */
export class PrometheusAlertRules extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PrometheusAlertRulesProps) {
    super(scope, id);
    const where = `PrometheusRule ${props.namespace}/${props.name}`;
    if (props.groups.length === 0) {
      throw new Error(`${where}: no rule groups; add at least one group with one alert`);
    }
    const groupNames = new Set<string>();
    const alertNames = new Set<string>();
    const groups = props.groups.map((group) => {
      if (groupNames.has(group.name)) {
        throw new Error(`${where}: group "${group.name}" is defined twice; merge the groups or rename one`);
      }
      groupNames.add(group.name);
      if (group.rules.length === 0) {
        throw new Error(`${where}: group "${group.name}" has no rules; add an alert or remove the group`);
      }
      if (group.interval !== undefined)
        prometheusDurationSeconds(group.interval, `${where}: group "${group.name}" interval`);
      const rules = group.rules.map((rule) => {
        if (alertNames.has(rule.alert)) {
          throw new Error(`${where}: alert "${rule.alert}" is defined twice; alert names must be unique`);
        }
        alertNames.add(rule.alert);
        return renderRule(rule, `${where}: alert "${rule.alert}"`);
      });
      return { ...(group.interval === undefined ? {} : { interval: group.interval }), name: group.name, rules };
    });

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        ...(props.labels === undefined || Object.keys(props.labels).length === 0
          ? {}
          : { labels: { ...props.labels } }),
      },
      spec: { groups },
    });
  }
}

function renderRule(rule: AlertRule, where: string): Record<string, unknown> {
  if (!ALERT_NAME.test(rule.alert)) {
    throw new Error(`${where}: the name must be PascalCase letters and digits, e.g. "HighErrorRate"`);
  }
  assertValidPromql(rule.expr, where);
  prometheusDurationSeconds(rule.for, `${where}: for`);
  if (!(ALERT_SEVERITIES as readonly string[]).includes(rule.severity)) {
    throw new Error(`${where}: severity "${String(rule.severity)}" is not one of ${ALERT_SEVERITIES.join(', ')}`);
  }
  if (!/^https:\/\/[^\s/]+\/\S*$/.test(rule.runbookUrl)) {
    throw new Error(`${where}: runbookUrl "${rule.runbookUrl}" must be an https URL of the alert's runbook`);
  }
  for (const [field, text] of [
    ['summary', rule.summary],
    ['description', rule.description],
  ] as const) {
    if (text.trim() === '') throw new Error(`${where}: ${field} is empty; say what is wrong for the person paged`);
  }
  const extraLabels = rule.labels ?? {};
  for (const name of Object.keys(extraLabels)) {
    if (!LABEL_NAME.test(name)) throw new Error(`${where}: label "${name}" is not a valid Prometheus label name`);
    if (name === 'severity') {
      throw new Error(`${where}: set the severity through the "severity" field, not labels.severity`);
    }
  }
  return {
    alert: rule.alert,
    annotations: { description: rule.description, runbook_url: rule.runbookUrl, summary: rule.summary },
    expr: rule.expr,
    for: rule.for,
    labels: { ...extraLabels, severity: rule.severity },
  };
}
