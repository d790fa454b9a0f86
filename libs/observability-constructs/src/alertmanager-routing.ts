// Prometheus Operator AlertmanagerConfig that routes alerts by their `severity` label to Slack and email.
// Credentials are never literal: the Slack webhook URL and the SMTP password are references to keys of a
// Secret (which an ExternalSecret fills), and the operator resolves them when it builds Alertmanager's config.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AlertSeverity } from './prometheus-alert-rules';
import { ALERT_SEVERITIES } from './prometheus-alert-rules';
import { prometheusDurationSeconds } from './prometheus-duration';

/** A key of a Secret in the AlertmanagerConfig's namespace. */
export interface SecretKeyReference {
  readonly name: string;
  readonly key: string;
}

export interface SlackNotifier {
  /** Secret key holding the Slack incoming-webhook URL. */
  readonly webhookUrl: SecretKeyReference;
}

export interface EmailNotifier {
  /** Sender address, e.g. `alerts@go-coffee.com`. */
  readonly from: string;
  /** SMTP server as `host:port`. */
  readonly smarthost: string;
  /** SMTP user name (not secret). */
  readonly authUsername: string;
  /** Secret key holding the SMTP password. */
  readonly authPassword: SecretKeyReference;
}

export interface SeverityRoute {
  readonly severity: AlertSeverity;
  /** Slack channel for this severity, e.g. `#go-coffee-critical`. */
  readonly slackChannel: string;
  /**
   * Email recipients for this severity; none means Slack only.
   * @default []
   */
  readonly emailTo?: readonly string[];
  /**
   * How often a still-firing alert is re-sent.
   * @default '4h'
   */
  readonly repeatInterval?: string;
}

export interface AlertmanagerRoutingProps {
  /** metadata.name; Alertmanager's `alertmanagerConfiguration.name` must point at it. */
  readonly name: string;
  /** Namespace of the Alertmanager (the operator only accepts a global config from there). */
  readonly namespace: string;
  readonly slack: SlackNotifier;
  readonly email: EmailNotifier;
  /** One route per severity, at least one; alerts of other severities go to no receiver. */
  readonly routes: readonly SeverityRoute[];
  /**
   * Labels that group alerts into one notification.
   * @default ['alertname', 'cluster', 'namespace']
   */
  readonly groupBy?: readonly string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SMARTHOST = /^[a-z0-9.-]+:[0-9]{1,5}$/;
/** Receiver that drops what reaches it: the root route's fallback, so unknown severities are not sent anywhere. */
export const NULL_RECEIVER = 'null';

/** Renders a `monitoring.coreos.com/v1alpha1` AlertmanagerConfig routing by severity to Slack and email. */
export class AlertmanagerRouting extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AlertmanagerRoutingProps) {
    super(scope, id);
    const where = `AlertmanagerConfig ${props.namespace}/${props.name}`;
    if (props.routes.length === 0) throw new Error(`${where}: no routes; add one route per severity`);
    if (!EMAIL.test(props.email.from)) throw new Error(`${where}: email.from "${props.email.from}" is not an address`);
    if (!SMARTHOST.test(props.email.smarthost)) {
      throw new Error(
        `${where}: email.smarthost "${props.email.smarthost}" must be "host:port", e.g. "smtp.example.com:587"`,
      );
    }
    for (const [field, ref] of [
      ['slack.webhookUrl', props.slack.webhookUrl],
      ['email.authPassword', props.email.authPassword],
    ] as const) {
      if (ref.name.trim() === '' || ref.key.trim() === '') {
        throw new Error(`${where}: ${field} needs both a Secret name and a key`);
      }
    }

    const receivers: Record<string, unknown>[] = [{ name: NULL_RECEIVER }];
    const routes: Record<string, unknown>[] = [];
    const seen = new Set<AlertSeverity>();
    for (const route of props.routes) {
      if (!(ALERT_SEVERITIES as readonly string[]).includes(route.severity)) {
        throw new Error(`${where}: severity "${String(route.severity)}" is not one of ${ALERT_SEVERITIES.join(', ')}`);
      }
      if (seen.has(route.severity)) throw new Error(`${where}: severity "${route.severity}" is routed twice`);
      seen.add(route.severity);
      if (!/^#[a-z0-9][a-z0-9_-]*$/.test(route.slackChannel)) {
        throw new Error(`${where}: slackChannel "${route.slackChannel}" must look like "#channel-name"`);
      }
      const repeatInterval = route.repeatInterval ?? '4h';
      prometheusDurationSeconds(repeatInterval, `${where}: repeatInterval of severity "${route.severity}"`);
      const emailTo = route.emailTo ?? [];
      for (const address of emailTo) {
        if (!EMAIL.test(address)) throw new Error(`${where}: email recipient "${address}" is not an address`);
      }
      const matchers = [{ matchType: '=', name: 'severity', value: route.severity }];

      const slackReceiver = `${route.severity}-slack`;
      receivers.push({
        name: slackReceiver,
        slackConfigs: [
          {
            apiURL: { ...props.slack.webhookUrl },
            channel: route.slackChannel,
            sendResolved: true,
            text: '{{ range .Alerts }}{{ .Annotations.description }}\nRunbook: {{ .Annotations.runbook_url }}\n{{ end }}',
            title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})',
          },
        ],
      });
      // `continue` lets the same alert also reach the email route listed right after it.
      routes.push({ continue: emailTo.length > 0, matchers, receiver: slackReceiver, repeatInterval });

      if (emailTo.length > 0) {
        const emailReceiver = `${route.severity}-email`;
        receivers.push({
          name: emailReceiver,
          emailConfigs: [
            {
              authPassword: { ...props.email.authPassword },
              authUsername: props.email.authUsername,
              from: props.email.from,
              requireTLS: true,
              sendResolved: true,
              smarthost: props.email.smarthost,
              to: [...emailTo].sort().join(', '),
            },
          ],
        });
        routes.push({ continue: false, matchers, receiver: emailReceiver, repeatInterval });
      }
    }

    const inhibitRules = seen.has('critical')
      ? [
          {
            // A critical alert mutes the warning of the same alert on the same target: page once, not twice.
            equal: ['alertname', 'namespace'],
            sourceMatch: [{ matchType: '=', name: 'severity', value: 'critical' }],
            targetMatch: [{ matchType: '=~', name: 'severity', value: 'warning|info' }],
          },
        ]
      : [];

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        ...(inhibitRules.length > 0 ? { inhibitRules } : {}),
        receivers,
        route: {
          groupBy: [...(props.groupBy ?? ['alertname', 'cluster', 'namespace'])],
          groupInterval: '5m',
          groupWait: '30s',
          receiver: NULL_RECEIVER,
          repeatInterval: '4h',
          routes,
        },
      },
    });
  }
}
