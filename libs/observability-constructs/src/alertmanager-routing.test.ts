import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import type { AlertmanagerRoutingProps } from './alertmanager-routing';
import { AlertmanagerRouting } from './alertmanager-routing';

const props: AlertmanagerRoutingProps = {
  name: 'go-coffee-alert-routing',
  namespace: 'monitoring',
  slack: { webhookUrl: { name: 'alertmanager-notifications', key: 'slack-webhook-url' } },
  email: {
    from: 'alerts@go-coffee.com',
    smarthost: 'smtp.go-coffee.com:587',
    authUsername: 'alerts@go-coffee.com',
    authPassword: { name: 'alertmanager-notifications', key: 'smtp-password' },
  },
  routes: [
    {
      severity: 'critical',
      slackChannel: '#go-coffee-critical',
      emailTo: ['oncall@go-coffee.com'],
      repeatInterval: '1h',
    },
    { severity: 'warning', slackChannel: '#go-coffee-alerts' },
  ],
};

function synth(overrides: Partial<AlertmanagerRoutingProps> = {}) {
  const chart = new Chart(Testing.app(), 'test');
  new AlertmanagerRouting(chart, 'routing', { ...props, ...overrides });
  return Testing.synth(chart)[0] as { spec: { receivers: Record<string, unknown>[]; route: { routes: unknown[] } } };
}

describe('AlertmanagerRouting', () => {
  it('routes critical alerts to Slack and email and warnings to Slack only', () => {
    const { spec } = synth();
    expect(spec.route.routes).toStrictEqual([
      {
        continue: true,
        matchers: [{ matchType: '=', name: 'severity', value: 'critical' }],
        receiver: 'critical-slack',
        repeatInterval: '1h',
      },
      {
        continue: false,
        matchers: [{ matchType: '=', name: 'severity', value: 'critical' }],
        receiver: 'critical-email',
        repeatInterval: '1h',
      },
      {
        continue: false,
        matchers: [{ matchType: '=', name: 'severity', value: 'warning' }],
        receiver: 'warning-slack',
        repeatInterval: '4h',
      },
    ]);
    expect(spec.receivers.map((r) => r.name)).toStrictEqual([
      'null',
      'critical-slack',
      'critical-email',
      'warning-slack',
    ]);
  });

  it('references secret keys for the webhook and the SMTP password instead of literal values', () => {
    const text = JSON.stringify(synth());
    expect(text).toContain('"apiURL":{"key":"slack-webhook-url","name":"alertmanager-notifications"}');
    expect(text).toContain('"authPassword":{"key":"smtp-password","name":"alertmanager-notifications"}');
    expect(text).not.toMatch(/hooks\.slack\.com/);
  });

  it('rejects a severity routed twice', () => {
    expect(() => synth({ routes: [props.routes[1]!, props.routes[1]!] })).toThrow(/severity "warning" is routed twice/);
  });

  it('rejects a slack channel without the leading #', () => {
    expect(() => synth({ routes: [{ severity: 'warning', slackChannel: 'alerts' }] })).toThrow(
      /must look like "#channel-name"/,
    );
  });

  it('rejects a smarthost without a port', () => {
    expect(() => synth({ email: { ...props.email, smarthost: 'smtp.go-coffee.com' } })).toThrow(/must be "host:port"/);
  });
});
