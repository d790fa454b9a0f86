import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import type { AlertRule } from './prometheus-alert-rules';
import { PrometheusAlertRules } from './prometheus-alert-rules';

const validRule: AlertRule = {
  alert: 'ServiceDown',
  expr: 'up{namespace="go-coffee"} == 0',
  for: '1m',
  severity: 'critical',
  summary: 'Target {{ $labels.instance }} is down',
  description: 'Prometheus cannot scrape {{ $labels.job }}.',
  runbookUrl: 'https://runbooks.go-coffee.com/alerts/service-down',
};

function synthRules(rules: readonly AlertRule[]) {
  const chart = new Chart(Testing.app(), 'test');
  new PrometheusAlertRules(chart, 'rules', {
    name: 'go-coffee',
    namespace: 'monitoring',
    groups: [{ name: 'g', rules }],
  });
  return Testing.synth(chart);
}

describe('PrometheusAlertRules', () => {
  it('renders the severity as a label and the runbook, summary and description as annotations', () => {
    const [rule] = synthRules([validRule]);
    expect(rule).toStrictEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'go-coffee', namespace: 'monitoring' },
      spec: {
        groups: [
          {
            name: 'g',
            rules: [
              {
                alert: 'ServiceDown',
                annotations: {
                  description: 'Prometheus cannot scrape {{ $labels.job }}.',
                  runbook_url: 'https://runbooks.go-coffee.com/alerts/service-down',
                  summary: 'Target {{ $labels.instance }} is down',
                },
                expr: 'up{namespace="go-coffee"} == 0',
                for: '1m',
                labels: { severity: 'critical' },
              },
            ],
          },
        ],
      },
    });
  });

  it('rejects PromQL that does not parse and names the alert', () => {
    expect(() => synthRules([{ ...validRule, expr: 'sum(rate(http_requests_total[5m]) >' }])).toThrow(
      /alert "ServiceDown": PromQL does not parse/,
    );
  });

  it('rejects an alert without a runbook URL', () => {
    expect(() => synthRules([{ ...validRule, runbookUrl: '' }])).toThrow(/runbookUrl "" must be an https URL/);
  });

  it('rejects a "for" that is not a Prometheus duration', () => {
    expect(() => synthRules([{ ...validRule, for: '5 minutes' }])).toThrow(
      /for: "5 minutes" is not a Prometheus duration/,
    );
  });

  it('rejects an unknown severity', () => {
    expect(() => synthRules([{ ...validRule, severity: 'page' as never }])).toThrow(/severity "page" is not one of/);
  });

  it('rejects a severity smuggled in through labels', () => {
    expect(() => synthRules([{ ...validRule, labels: { severity: 'info' } }])).toThrow(/through the "severity" field/);
  });

  it('rejects two alerts with the same name', () => {
    expect(() => synthRules([validRule, validRule])).toThrow(/alert "ServiceDown" is defined twice/);
  });

  it('rejects an empty summary', () => {
    expect(() => synthRules([{ ...validRule, summary: ' ' }])).toThrow(/summary is empty/);
  });
});
