import { testClusterContext } from '@go-coffee/environments/test-support';
import type { ClusterContext } from '@go-coffee/environments';
import { describe, expect, it } from 'vitest';
import { ServiceWorkload, type ServiceWorkloadProps } from './service-workload';
import type { Manifest } from '@go-coffee/kube-objects';
import { synthIn } from '../test-support/test-synth';

const workload = { name: 'user-gateway', component: 'gateway', owner: 'identity', dataClassification: 'gdpr' } as const;

function render(ctx: ClusterContext, overrides: Partial<ServiceWorkloadProps> = {}): Manifest[] {
  return synthIn(
    (chart) =>
      new ServiceWorkload(chart, 'workload', {
        workload,
        namespace: 'go-coffee',
        ctx,
        ports: [{ name: 'http', port: 8081 }],
        metricsPort: 'http',
        settings: { LOG_FORMAT: 'json', APP_ENV: ctx.environment },
        dataServices: ['postgres'],
        dataNamespace: 'go-coffee-data',
        ingress: [{ peer: { namespace: 'monitoring' }, ports: [{ port: 8081 }] }],
        deployment: {
          image: { repository: 'registry.example/user-gateway', tag: '1.0.0' },
          liveness: { type: 'http', path: '/health', port: 8081 },
          readiness: { type: 'http', path: '/ready', port: 8081 },
          resources: {
            cpuRequestMillis: 100,
            cpuLimitMillis: 500,
            memoryRequestMebibytes: 128,
            memoryLimitMebibytes: 128,
          },
        },
        ...overrides,
      }),
  );
}

const one = (objects: Manifest[], kind: string) => objects.filter((o) => o.kind === kind);
const podTemplate = (objects: Manifest[]) =>
  (one(objects, 'Deployment')[0]!.spec as { template: { metadata: { annotations: Record<string, string> } } }).template;
const egressOf = (objects: Manifest[]) =>
  (one(objects, 'NetworkPolicy')[0]!.spec as { egress: { to: Record<string, unknown>[]; ports: unknown[] }[] }).egress;

describe('ServiceWorkload', () => {
  it('renders the shared skeleton, each object named after the workload', () => {
    const objects = render(testClusterContext(), {
      secretKeys: ['DATABASE_URL'],
      files: { configMapName: 'user-gateway-files', mountPath: '/etc/user-gateway', files: { 'a.json': '{}' } },
    });
    expect(objects.map((o) => `${o.kind} ${o.metadata.name}`).sort()).toStrictEqual([
      'ConfigMap user-gateway-config',
      'ConfigMap user-gateway-files',
      'Deployment user-gateway',
      'ExternalSecret user-gateway',
      'NetworkPolicy user-gateway',
      'Service user-gateway',
      'ServiceAccount user-gateway',
      'ServiceMonitor user-gateway',
    ]);
    expect(one(objects, 'ConfigMap')[0]!.data).toStrictEqual({ APP_ENV: 'dev', LOG_FORMAT: 'json' });
    expect(Object.keys(one(objects, 'ConfigMap')[0]!.data as object)).toStrictEqual(['APP_ENV', 'LOG_FORMAT']);
  });

  it('renders no ExternalSecret and no files ConfigMap when the workload has neither', () => {
    const kinds = render(testClusterContext()).map((o) => `${o.kind} ${o.metadata.name}`);
    expect(kinds).not.toContain('ExternalSecret user-gateway');
    expect(kinds).not.toContain('ConfigMap user-gateway-files');
  });

  it('rolls the pods when a setting or a mounted file changes, not when settings are reordered', () => {
    const hash = (overrides: Partial<ServiceWorkloadProps>) =>
      podTemplate(render(testClusterContext(), overrides)).metadata.annotations['go-coffee.io/config-hash'];
    const files = (content: string) => ({
      files: { configMapName: 'user-gateway-files', mountPath: '/etc/user-gateway', files: { 'a.json': content } },
    });
    expect(hash({ settings: { A: '1', B: '2' } })).toBe(hash({ settings: { B: '2', A: '1' } }));
    expect(hash({ settings: { A: '1' } })).not.toBe(hash({ settings: { A: '2' } }));
    expect(hash(files('{}'))).not.toBe(hash(files('{"x":1}')));
  });

  it('opens the data namespace in-cluster, and the private ranges plus public HTTPS (never the metadata endpoint) when managed', () => {
    expect(egressOf(render(testClusterContext()))).toStrictEqual([
      {
        ports: [{ port: 5432, protocol: 'TCP' }],
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'go-coffee-data' } } }],
      },
    ]);
    const managed = testClusterContext({ environment: 'prod', dataMode: 'managed' });
    const egress = egressOf(render(managed, { callsInternet: true }));
    expect(egress.map((rule) => rule.to)).toStrictEqual([
      [{ ipBlock: { cidr: '10.0.0.0/8' } }],
      [{ ipBlock: { cidr: '172.16.0.0/12' } }],
      [{ ipBlock: { cidr: '192.168.0.0/16' } }],
      [
        {
          ipBlock: {
            cidr: '0.0.0.0/0',
            except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.169.254/32'],
          },
        },
      ],
    ]);
    expect(egress.at(-1)!.ports).toStrictEqual([{ port: 443, protocol: 'TCP' }]);
  });
});
