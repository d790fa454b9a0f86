// NetworkPolicy rules of each core service, derived from the catalog: a service accepts connections only
// from the services that declare a call to it (plus Prometheus on its metrics port, plus the world for the
// public entry point) and opens only the connections it declares itself.
import { METADATA_ENDPOINT, selectorLabels } from '@go-coffee/workload-constructs';
import type { NetworkRule } from '@go-coffee/workload-constructs';
import type { CoreServiceSpec, ServiceCall } from './core-service-catalog';

export interface TrafficNamespaces {
  readonly data: string;
  readonly monitoring: string;
}

function portNumber(catalog: readonly CoreServiceSpec[], call: ServiceCall, caller: string): number {
  const callee = catalog.find((service) => service.name === call.service);
  const port = callee?.ports.find((candidate) => candidate.name === call.port);
  if (callee === undefined || port === undefined) {
    throw new Error(
      `core service "${caller}" calls ${call.service}:${call.port}, which is not a port of a core service; ` +
        `fix the calls of "${caller}" in core-service-catalog.ts`,
    );
  }
  return port.port;
}

function namedPort(spec: CoreServiceSpec, name: string): number {
  const port = spec.ports.find((candidate) => candidate.name === name);
  if (port === undefined) {
    throw new Error(`core service "${spec.name}" has no port named "${name}"; add it to its ports`);
  }
  return port.port;
}

/** Who may connect to `spec`. */
export function ingressRules(
  spec: CoreServiceSpec,
  catalog: readonly CoreServiceSpec[],
  namespaces: TrafficNamespaces,
): NetworkRule[] {
  const rules: NetworkRule[] = [];
  if (spec.public) {
    // The entry point sits behind the cloud load balancer, which reaches pods from VPC addresses (ALB/NEG
    // targets) or through an ingress controller whose namespace differs per cloud.
    const ports = [{ port: spec.ports[0]!.port }];
    rules.push(
      { peer: { anyNamespace: true }, ports },
      { peer: { cidr: '0.0.0.0/0', except: [METADATA_ENDPOINT] }, ports },
    );
  }
  for (const caller of catalog) {
    for (const call of caller.calls) {
      if (call.service === spec.name) {
        rules.push({
          peer: { pods: selectorLabels(caller) },
          ports: [{ port: portNumber(catalog, call, caller.name) }],
        });
      }
    }
  }
  rules.push({ peer: { namespace: namespaces.monitoring }, ports: [{ port: namedPort(spec, spec.metricsPort) }] });
  return rules;
}

/** The core services `spec` may connect to; its data services and the internet follow from ServiceWorkload. */
export function egressRules(spec: CoreServiceSpec, catalog: readonly CoreServiceSpec[]): NetworkRule[] {
  return spec.calls.map((call) => ({
    peer: {
      pods: selectorLabels({
        name: call.service,
        component: catalog.find((s) => s.name === call.service)?.component ?? '',
      }),
    },
    ports: [{ port: portNumber(catalog, call, spec.name) }],
  }));
}
