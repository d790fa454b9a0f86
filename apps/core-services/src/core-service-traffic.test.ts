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

  it('sends a service only to the core services it calls, on the called port', () => {
    const caller: CoreServiceSpec = {
      ...coreService('producer'),
      calls: [{ service: 'user-gateway', port: coreService('user-gateway').ports[0]!.name }],
    };
    expect(egressRules(caller, CORE_SERVICES)).toStrictEqual([
      {
        peer: {
          pods: {
            'app.kubernetes.io/name': 'user-gateway',
            'app.kubernetes.io/component': coreService('user-gateway').component,
          },
        },
        ports: [{ port: 8081 }],
      },
    ]);
  });

  it('names the service and the catalog when a call targets a port that does not exist', () => {
    const broken: CoreServiceSpec = {
      ...coreService('producer'),
      calls: [{ service: 'kitchen-service', port: 'http' }],
    };
    expect(() => egressRules(broken, CORE_SERVICES)).toThrow(
      'core service "producer" calls kitchen-service:http, which is not a port of a core service; ' +
        'fix the calls of "producer" in core-service-catalog.ts',
    );
  });
});
