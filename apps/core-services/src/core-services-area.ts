// The core-services render area: namespace default-deny, every service of the catalog, and the public
// Ingress of the api-gateway.
import type { Chart } from 'cdk8s';
import { NAMESPACES } from '@go-coffee/render-kit';
import type { RenderArea } from '@go-coffee/render-kit';
import { coreServicesDeclaration } from './area';
import { NamespaceDefaultDeny, PUBLIC_CLUSTER_ISSUER, workloadLabels } from '@go-coffee/workload-constructs';
import type { ClusterContext } from '@go-coffee/environments';
import { ApiGatewayIngress } from './api-gateway-ingress';
import { CoreService } from './core-service';
import { CORE_SERVICES, coreService } from './core-service-catalog';
import type { CoreServiceName } from './core-service-catalog';
import { egressRules, ingressRules } from './core-service-traffic';
import { GATEWAY_ROUTES, gatewayRoutesConfig, publicPathPrefixes } from './gateway-routes';

const NAMESPACE = NAMESPACES.core;
const TRAFFIC_NAMESPACES = { data: NAMESPACES.data, monitoring: NAMESPACES.monitoring };

function upstreamAddress(service: CoreServiceName) {
  const spec = coreService(service);
  return { host: `${service}.${NAMESPACE}.svc.cluster.local`, port: spec.ports[0]!.port };
}

function renderCoreServices(chart: Chart, ctx: ClusterContext): void {
  new NamespaceDefaultDeny(chart, 'default-deny', {
    namespace: NAMESPACE,
    labels: { 'go-coffee.io/owner': 'platform', 'go-coffee.io/data-classification': 'internal' },
  });
  const routes = `${JSON.stringify(gatewayRoutesConfig(GATEWAY_ROUTES, upstreamAddress), null, 2)}\n`;
  const services = new Map<CoreServiceName, CoreService>();
  for (const spec of CORE_SERVICES) {
    services.set(
      spec.name,
      new CoreService(chart, spec.name, {
        spec,
        ctx,
        namespace: NAMESPACE,
        dataNamespace: TRAFFIC_NAMESPACES.data,
        ingress: ingressRules(spec, CORE_SERVICES, TRAFFIC_NAMESPACES),
        egress: egressRules(spec, CORE_SERVICES),
        ...(spec.name === 'api-gateway'
          ? { files: { mountPath: '/etc/api-gateway', files: { 'routes.json': routes } } }
          : {}),
      }),
    );
  }
  const gateway = coreService('api-gateway');
  new ApiGatewayIngress(chart, 'ingress', {
    namespace: NAMESPACE,
    className: ctx.ingress.className,
    baseDomain: ctx.ingress.baseDomain,
    pathPrefixes: publicPathPrefixes(GATEWAY_ROUTES),
    gateway: services.get('api-gateway')!.service,
    gatewayPort: gateway.ports[0]!.port,
    gatewayPortName: gateway.ports[0]!.name,
    // A non-HTTP readiness check leaves no path, which the Ingress rejects with an actionable message.
    healthCheckPath: gateway.readiness.type === 'http' ? gateway.readiness.path : '',
    clusterIssuer: PUBLIC_CLUSTER_ISSUER,
    labels: workloadLabels(gateway),
  });
}

export const coreServicesArea: RenderArea = { ...coreServicesDeclaration, render: renderCoreServices };
