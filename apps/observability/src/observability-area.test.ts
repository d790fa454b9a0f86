import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterContext } from '@go-coffee/environments';
import { testClusterContext } from '@go-coffee/environments/test-support';
import { findRendered, renderAreaForTest, type RenderedObject } from '@go-coffee/render-kit/test-support';
import { prometheusDurationSeconds, topLevelComparison } from '@go-coffee/observability-constructs';
import { observabilityArea } from './index';

/** Parsed manifests are navigated freely in assertions; a wrong path fails the assertion anyway. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const render = (ctx: ClusterContext) => renderAreaForTest(observabilityArea, ctx);

const find = findRendered;

function helmValues(objects: RenderedObject[], application: string): Loose {
  return find(objects, 'Application', application).spec!.source.helm.valuesObject;
}

const devAws = testClusterContext();
const prodGcp = testClusterContext({
  environment: 'prod',
  name: 'prod-gcp-us-central1',
  cloud: 'gcp',
  region: 'us-central1',
  storageClass: 'premium-rwo',
  identity: { gcpServiceAccount: 'go-coffee-workloads@go-coffee-platform.iam.gserviceaccount.com' },
  sizing: { name: 'large', minReplicas: 3, maxReplicas: 20, resourceScale: 2 },
  dataMode: 'managed',
});

/** The guide's eight alerts: comparison, threshold, `for` and severity. */
const GUIDE_ALERTS = [
  {
    alert: 'HighCPUUsage',
    operator: '>',
    threshold: 80,
    forSeconds: 300,
    severity: 'warning',
    metric: 'node_cpu_seconds_total',
  },
  {
    alert: 'HighMemoryUsage',
    operator: '>',
    threshold: 85,
    forSeconds: 300,
    severity: 'warning',
    metric: 'node_memory_MemAvailable_bytes',
  },
  {
    alert: 'DiskSpaceLow',
    operator: '>',
    threshold: 90,
    forSeconds: 120,
    severity: 'critical',
    metric: 'node_filesystem_avail_bytes',
  },
  {
    alert: 'HighErrorRate',
    operator: '>',
    threshold: 5,
    forSeconds: 120,
    severity: 'critical',
    metric: 'http_requests_total',
  },
  {
    alert: 'HighLatency',
    operator: '>',
    threshold: 1,
    forSeconds: 300,
    severity: 'warning',
    metric: 'http_request_duration_seconds_bucket',
  },
  { alert: 'ServiceDown', operator: '==', threshold: 0, forSeconds: 60, severity: 'critical', metric: 'up' },
  {
    alert: 'LowOrderVolume',
    operator: '<',
    threshold: 1,
    forSeconds: 600,
    severity: 'warning',
    metric: 'coffee_orders_total',
  },
  {
    alert: 'PaymentFailures',
    operator: '>',
    threshold: 2,
    forSeconds: 180,
    severity: 'critical',
    metric: 'payment_transactions_total',
  },
] as const;

function alertRules(objects: RenderedObject[]): Loose[] {
  return find(objects, 'PrometheusRule', 'go-coffee-alerts').spec!.groups.flatMap((g: { rules: unknown[] }) => g.rules);
}

describe('observability area', () => {
  it('renders the dev AWS cluster as in the snapshot', () => {
    expect(render(devAws)).toMatchSnapshot();
  });

  it.each(GUIDE_ALERTS)(
    'alerts $alert when the expression is $operator $threshold for $forSeconds s with severity $severity',
    (expected) => {
      const rule = alertRules(render(prodGcp)).find((r) => r.alert === expected.alert);
      expect(rule, `alert ${expected.alert} is missing`).toBeDefined();
      expect(topLevelComparison(rule!.expr)).toStrictEqual({
        operator: expected.operator,
        threshold: expected.threshold,
      });
      expect(prometheusDurationSeconds(rule!.for, expected.alert)).toBe(expected.forSeconds);
      expect(rule!.labels.severity).toBe(expected.severity);
      expect(rule!.expr).toContain(expected.metric);
    },
  );

  it('renders exactly the eight guide alerts, each with a severity, summary, description and an existing runbook', () => {
    const rules = alertRules(render(prodGcp));
    expect(rules.map((r) => r.alert).sort()).toStrictEqual(GUIDE_ALERTS.map((a) => a.alert).sort());
    for (const rule of rules) {
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.annotations.summary).not.toBe('');
      expect(rule.annotations.description).not.toBe('');
      const runbook = rule.annotations.runbook_url as string;
      expect(runbook).toMatch(
        /^https:\/\/github\.com\/go-coffee\/go-coffee-gitops\/blob\/main\/apps\/observability\/runbooks\/[a-z-]+\.md$/,
      );
      const file = runbook.split('/blob/main/')[1]!;
      expect(existsSync(resolve(import.meta.dirname, '../../..', file)), `runbook ${file} exists`).toBe(true);
    }
  });

  it('never renders a Secret: credentials arrive through ExternalSecrets', () => {
    for (const ctx of [devAws, prodGcp]) {
      const objects = render(ctx);
      expect(objects.filter((o) => o.kind === 'Secret')).toStrictEqual([]);
      expect(JSON.stringify(objects)).not.toMatch(/hooks\.slack\.com|password["']?\s*:\s*["'][^"']/i);
    }
  });

  it('routes critical and warning alerts to Slack, and critical ones to email in prod, using keys of the notification ExternalSecret', () => {
    const objects = render(prodGcp);
    const routing = find(objects, 'AlertmanagerConfig', 'go-coffee-alert-routing').spec!;
    expect(routing.route.routes.map((r: { receiver: string }) => r.receiver)).toStrictEqual([
      'critical-slack',
      'critical-email',
      'warning-slack',
    ]);
    const secret = find(objects, 'ExternalSecret', 'alertmanager-notifications').spec!;
    const keys = secret.data.map((d: { secretKey: string }) => d.secretKey);
    const referenced = routing.receivers.flatMap(
      (
        r: Record<string, { apiURL?: { key: string; name: string }; authPassword?: { key: string; name: string } }[]>,
      ) => [...(r.slackConfigs ?? []).map((c) => c.apiURL!), ...(r.emailConfigs ?? []).map((c) => c.authPassword!)],
    );
    expect(referenced.length).toBeGreaterThan(0);
    for (const ref of referenced) {
      expect(ref.name).toBe(secret.target.name);
      expect(keys).toContain(ref.key);
    }
    expect(
      helmValues(objects, 'kube-prometheus-stack').alertmanager.alertmanagerSpec.alertmanagerConfiguration,
    ).toStrictEqual({
      name: 'go-coffee-alert-routing',
    });
  });

  it('keeps dev small and short-lived and makes prod highly available with longer retention', () => {
    const dev = helmValues(render(devAws), 'kube-prometheus-stack');
    const prod = helmValues(render(prodGcp), 'kube-prometheus-stack');
    expect([dev.prometheus.prometheusSpec.replicas, dev.prometheus.prometheusSpec.retention]).toStrictEqual([1, '2d']);
    expect([prod.prometheus.prometheusSpec.replicas, prod.prometheus.prometheusSpec.retention]).toStrictEqual([
      2,
      '30d',
    ]);
    expect(dev.alertmanager.alertmanagerSpec.replicas).toBe(1);
    expect(prod.alertmanager.alertmanagerSpec.replicas).toBe(3);
    // Grafana's state is SQLite in the pod: one replica, or logins bounce between diverging copies.
    expect([dev.grafana.replicas, prod.grafana.replicas]).toStrictEqual([1, 1]);

    const devLoki = helmValues(render(devAws), 'loki');
    const prodLoki = helmValues(render(prodGcp), 'loki');
    expect([
      devLoki.deploymentMode,
      devLoki.singleBinary.replicas,
      devLoki.loki.limits_config.retention_period,
    ]).toStrictEqual(['SingleBinary', 1, '72h']);
    expect([
      prodLoki.deploymentMode,
      prodLoki.write.replicas,
      prodLoki.loki.limits_config.retention_period,
    ]).toStrictEqual(['SimpleScalable', 3, '720h']);
    expect(prodLoki.loki.storage.type).toBe('gcs');
    expect(prodLoki.serviceAccount.annotations).toStrictEqual({
      'iam.gke.io/gcp-service-account': 'go-coffee-workloads@go-coffee-platform.iam.gserviceaccount.com',
    });
  });

  it("puts every volume of the stack on the cluster's storage class", () => {
    for (const ctx of [devAws, prodGcp]) {
      const objects = render(ctx);
      const kps = helmValues(objects, 'kube-prometheus-stack');
      const loki = helmValues(objects, 'loki');
      const classes = [
        kps.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName,
        kps.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.storageClassName,
        (ctx.environment === 'dev' ? loki.singleBinary : loki.write).persistence.storageClass,
        helmValues(objects, 'tempo').persistence.storageClassName,
      ];
      expect(classes).toStrictEqual(Array(4).fill(ctx.storageClass));
    }
  });

  it('provisions the four dashboards through the Grafana sidecar label the chart is configured with', () => {
    const objects = render(devAws);
    const sidecar = helmValues(objects, 'kube-prometheus-stack').grafana.sidecar.dashboards;
    const dashboards = objects.filter(
      (o) => o.kind === 'ConfigMap' && o.metadata.labels?.[sidecar.label] === sidecar.labelValue,
    );
    const titles = dashboards.map((d) => JSON.parse(Object.values(d.data!)[0]!).title);
    expect(titles).toStrictEqual([
      'Go Coffee / Platform overview',
      'Go Coffee / Order pipeline',
      'Go Coffee / Event functions',
      'Go Coffee / Distribution per cloud',
    ]);
  });

  it('renders byte-identical output for the same cluster', () => {
    expect(JSON.stringify(render(prodGcp))).toBe(JSON.stringify(render(prodGcp)));
  });

  it('sets the owner and name labels on every object it renders', () => {
    for (const object of render(devAws)) {
      expect(object.metadata.labels?.['go-coffee.io/owner'], `${object.kind} ${object.metadata.name}`).toBe(
        'platform-engineering',
      );
      expect(object.metadata.labels?.['app.kubernetes.io/name'], `${object.kind} ${object.metadata.name}`).toBeTruthy();
    }
  });

  it('syncs the stack by hand when the environment holds the observability area by hand', () => {
    const manual = render(testClusterContext({ sync: { manualApplications: ['observability'] } }));
    for (const name of ['kube-prometheus-stack', 'loki', 'tempo']) {
      expect(find(manual, 'Application', name).spec!.syncPolicy.automated).toBeUndefined();
    }
    expect(find(render(devAws), 'Application', 'loki').spec!.syncPolicy.automated).toStrictEqual({
      prune: true,
      selfHeal: true,
    });
  });

  it('scrapes and alerts on no control-plane component the managed cloud hides (EKS, GKE, AKS)', () => {
    for (const ctx of [devAws, prodGcp]) {
      const values = helmValues(render(ctx), 'kube-prometheus-stack');
      expect(
        ['kubeControllerManager', 'kubeEtcd', 'kubeProxy', 'kubeScheduler'].map((c) => values[c].enabled),
      ).toStrictEqual([false, false, false, false]);
      expect(values.defaultRules.rules).toStrictEqual({
        etcd: false,
        kubeControllerManager: false,
        kubeProxy: false,
        kubeSchedulerAlerting: false,
        kubeSchedulerRecording: false,
      });
    }
  });

  it('renders no alert that fires on silence (absence counted as zero, then "below") where there is no steady traffic', () => {
    const firesOnSilence = (rule: Loose) =>
      /or vector\(0\)/.test(rule.expr) && topLevelComparison(rule.expr)?.operator === '<';
    expect(
      alertRules(render(devAws))
        .filter(firesOnSilence)
        .map((r) => r.alert),
    ).toStrictEqual([]);
    expect(
      alertRules(render(prodGcp))
        .filter(firesOnSilence)
        .map((r) => r.alert),
    ).toStrictEqual(['LowOrderVolume']);
    expect(alertRules(render(devAws))).toHaveLength(GUIDE_ALERTS.length - 1);
  });
});
