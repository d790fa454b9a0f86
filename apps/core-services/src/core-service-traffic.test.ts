import { testClusterContext } from '@go-coffee/environments/test-support';
import { describe, expect, it } from 'vitest';
import { CORE_SERVICES, coreService } from './core-service-catalog';
import type { CoreServiceSpec } from './core-service-catalog';
import { egressRules, ingressRules } from './core-service-traffic';

const namespaces = { data: 'go-coffee-data', monitoring: 'monitoring' };
const gateway = { 'app.kubernetes.io/name': 'api-gateway', 'app.kubernetes.io/component': 'gateway' };

describe('core service traffic', () => {
  it('lets only the api-gateway and Prometheus reach the user-gateway', () => {
    expect(ingressRules(coreService('user-gateway'), CORE_SERVICES, namespaces)).toStrictEqual([
      { peer: { pods: gateway }, ports: [{ port: 8081 }] },
      { peer: { namespace: 'monitoring' }, ports: [{ port: 8081 }] },
    ]);
  });

  it('opens the public entry point to the load balancer and any ingress controller, nothing else', () => {
    expect(ingressRules(coreService('api-gateway'), CORE_SERVICES, namespaces)).toStrictEqual([
      { peer: { anyNamespace: true }, ports: [{ port: 8080 }] },
      { peer: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] }, ports: [{ port: 8080 }] },
      { peer: { namespace: 'monitoring' }, ports: [{ port: 8080 }] },
    ]);
  });

  it('sends the user-gateway to Postgres and Redis in the data namespace when data runs in-cluster', () => {
    expect(egressRules(coreService('user-gateway'), CORE_SERVICES, testClusterContext(), namespaces)).toStrictEqual([
      { peer: { namespace: 'go-coffee-data' }, ports: [{ port: 5432 }] },
      { peer: { namespace: 'go-coffee-data' }, ports: [{ port: 6379 }] },
    ]);
  });

  it('sends web3 payments to managed Postgres on private ranges and to public HTTPS only', () => {
    const ctx = testClusterContext({ environment: 'prod', dataMode: 'managed' });
    expect(egressRules(coreService('web3-payment-service'), CORE_SERVICES, ctx, namespaces)).toStrictEqual([
      { peer: { cidr: '10.0.0.0/8' }, ports: [{ port: 5432 }] },
      { peer: { cidr: '172.16.0.0/12' }, ports: [{ port: 5432 }] },
      { peer: { cidr: '192.168.0.0/16' }, ports: [{ port: 5432 }] },
      {
        peer: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.169.254/32'] },
        ports: [{ port: 443 }],
      },
    ]);
  });

  it('names the service and the catalog when a call targets a port that does not exist', () => {
    const broken: CoreServiceSpec = {
      ...coreService('producer'),
      calls: [{ service: 'kitchen-service', port: 'http' }],
    };
    expect(() => egressRules(broken, CORE_SERVICES, testClusterContext(), namespaces)).toThrow(
      'core service "producer" calls kitchen-service:http, which is not a port of a core service; ' +
        'fix the calls of "producer" in core-service-catalog.ts',
    );
  });
});
