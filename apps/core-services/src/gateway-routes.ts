// The api-gateway's routing table. It is rendered twice from this one table: as the gateway's own config
// (which upstream serves which path) and as the Ingress paths of the public entry point, so nothing reaches
// the cluster that the gateway would not route, and the gateway's NetworkPolicy allows exactly these upstreams.
import type { CoreServiceName } from './core-service-catalog';

export interface GatewayRoute {
  /** Path prefix, matched longest first. */
  readonly pathPrefix: string;
  readonly upstream: CoreServiceName;
  /** The route carries WebSocket upgrades (long-lived connections). */
  readonly websocket: boolean;
}

export const GATEWAY_ROUTES: readonly GatewayRoute[] = [
  { pathPrefix: '/api/v1/users', upstream: 'user-gateway', websocket: false },
  { pathPrefix: '/api/v1/auth', upstream: 'user-gateway', websocket: false },
  { pathPrefix: '/api/v1/security', upstream: 'security-gateway', websocket: false },
  { pathPrefix: '/api/v1', upstream: 'web-ui-backend', websocket: false },
  { pathPrefix: '/ws/', upstream: 'web-ui-backend', websocket: true },
];

/** Upstream address of a route: the Service's cluster DNS name and port. */
export interface UpstreamAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * The gateway's config document: routes ordered longest prefix first (the order the gateway matches in),
 * each with its upstream URL. Throws when a prefix is malformed or repeated.
 */
export function gatewayRoutesConfig(
  routes: readonly GatewayRoute[],
  upstreamAddress: (service: CoreServiceName) => UpstreamAddress,
): { routes: Array<{ pathPrefix: string; upstream: string; websocket: boolean }> } {
  const seen = new Set<string>();
  for (const route of routes) {
    if (!/^\/[a-z0-9/_-]*$/.test(route.pathPrefix)) {
      throw new Error(`gateway route "${route.pathPrefix}": a path prefix starts with "/" and uses a-z 0-9 / _ -`);
    }
    if (seen.has(route.pathPrefix)) {
      throw new Error(`gateway route "${route.pathPrefix}" is listed twice; keep one upstream per prefix`);
    }
    seen.add(route.pathPrefix);
  }
  const ordered = [...routes].sort(
    (a, b) => b.pathPrefix.length - a.pathPrefix.length || (a.pathPrefix < b.pathPrefix ? -1 : 1),
  );
  return {
    routes: ordered.map((route) => {
      const address = upstreamAddress(route.upstream);
      const scheme = route.websocket ? 'ws' : 'http';
      return {
        pathPrefix: route.pathPrefix,
        upstream: `${scheme}://${address.host}:${address.port}`,
        websocket: route.websocket,
      };
    }),
  };
}

/** The fewest prefixes that cover every route (a prefix inside another one adds nothing), sorted. */
export function publicPathPrefixes(routes: readonly GatewayRoute[]): string[] {
  const prefixes = routes.map((route) => route.pathPrefix);
  const covers = (outer: string, inner: string): boolean =>
    outer !== inner && (inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`) || inner === `${outer}/`);
  return [...new Set(prefixes.filter((prefix) => !prefixes.some((other) => covers(other, prefix))))].sort();
}

/** Distinct upstream services of the gateway, sorted. */
export function gatewayUpstreams(routes: readonly GatewayRoute[]): CoreServiceName[] {
  return [...new Set(routes.map((route) => route.upstream))].sort();
}
