import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { ServiceMonitor } from './service-monitor';

function synth(build: (chart: Chart) => void): unknown[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'go-coffee' });
  build(chart);
  return Testing.synth(chart);
}

describe('ServiceMonitor', () => {
  it('scrapes the named port at /metrics every 30 s by default, in its own namespace', () => {
    const manifests = synth((chart) => {
      new ServiceMonitor(chart, 'sm', {
        name: 'api-gateway',
        selector: { 'app.kubernetes.io/name': 'api-gateway' },
        endpoints: [{ port: 'http' }],
      });
    });
    expect(manifests).toStrictEqual([
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'api-gateway', namespace: 'go-coffee' },
        spec: {
          endpoints: [{ interval: '30s', path: '/metrics', port: 'http', scheme: 'http', scrapeTimeout: '10s' }],
          jobLabel: 'app.kubernetes.io/name',
          selector: { matchLabels: { 'app.kubernetes.io/name': 'api-gateway' } },
        },
      },
    ]);
  });

  it('looks up Services in other namespaces (sorted) and carries extra labels when asked', () => {
    const [monitor] = synth((chart) => {
      new ServiceMonitor(chart, 'sm', {
        name: 'kafka',
        namespace: 'monitoring',
        selector: { app: 'kafka' },
        endpoints: [{ port: 'metrics', path: '/prom', interval: '1m', scrapeTimeout: '30s', scheme: 'https' }],
        targetNamespaces: ['go-coffee-data', 'go-coffee'],
        labels: { release: 'kube-prometheus-stack' },
      });
    }) as [{ metadata: unknown; spec: { namespaceSelector: unknown; endpoints: unknown } }];
    expect(monitor.metadata).toStrictEqual({
      name: 'kafka',
      namespace: 'monitoring',
      labels: { release: 'kube-prometheus-stack' },
    });
    expect(monitor.spec.namespaceSelector).toStrictEqual({ matchNames: ['go-coffee', 'go-coffee-data'] });
    expect(monitor.spec.endpoints).toStrictEqual([
      { interval: '1m', path: '/prom', port: 'metrics', scheme: 'https', scrapeTimeout: '30s' },
    ]);
  });

  it.each([
    [{ selector: {} }, /selector is empty/],
    [{ endpoints: [] }, /no endpoints/],
    [{ endpoints: [{ port: '8080' }] }, /is a number; use the Service port's name/],
    [{ endpoints: [{ port: 'http', path: 'metrics' }] }, /must start with "\/"/],
    [{ endpoints: [{ port: 'http', interval: '30 seconds' }] }, /interval "30 seconds" is not a duration/],
    [
      { endpoints: [{ port: 'http', interval: '10s', scrapeTimeout: '15s' }] },
      /scrapeTimeout 15s exceeds interval 10s/,
    ],
    [{ endpoints: [{ port: 'http' }, { port: 'http' }] }, /http\/metrics is listed twice/],
    [{ name: 'Api_Gateway' }, /name "Api_Gateway" is not a valid Kubernetes name/],
  ])('rejects %j with an actionable message', (override, message) => {
    expect(() =>
      synth((chart) => {
        new ServiceMonitor(chart, 'sm', {
          name: 'api-gateway',
          selector: { app: 'x' },
          endpoints: [{ port: 'http' }],
          ...override,
        });
      }),
    ).toThrow(message);
  });
});
