import { describe, expect, it } from 'vitest';
import { coreService } from './core-service-catalog';
import { GATEWAY_ROUTES, gatewayRoutesConfig, gatewayUpstreams, publicPathPrefixes } from './gateway-routes';

const address = (service: string) => ({ host: `${service}.ns`, port: 1000 });

describe('gateway routes', () => {
  it('renders the gateway config longest prefix first, WebSocket routes with ws://', () => {
    expect(gatewayRoutesConfig(GATEWAY_ROUTES, address)).toStrictEqual({
      routes: [
        { pathPrefix: '/api/v1/security', upstream: 'http://security-gateway.ns:1000', websocket: false },
        { pathPrefix: '/api/v1/users', upstream: 'http://user-gateway.ns:1000', websocket: false },
        { pathPrefix: '/api/v1/auth', upstream: 'http://user-gateway.ns:1000', websocket: false },
        { pathPrefix: '/api/v1', upstream: 'http://web-ui-backend.ns:1000', websocket: false },
        { pathPrefix: '/ws/', upstream: 'ws://web-ui-backend.ns:1000', websocket: true },
      ],
    });
  });

  it('exposes only the two prefixes that cover every route on the Ingress', () => {
    expect(publicPathPrefixes(GATEWAY_ROUTES)).toStrictEqual(['/api/v1', '/ws/']);
  });

  it('keeps a prefix that merely shares characters with another one', () => {
    const routes = [
      { pathPrefix: '/api', upstream: 'producer', websocket: false },
      { pathPrefix: '/apis', upstream: 'producer', websocket: false },
    ] as const;
    expect(publicPathPrefixes(routes)).toStrictEqual(['/api', '/apis']);
  });

  it('lets the gateway call exactly the upstreams of its routes, so its NetworkPolicy matches its config', () => {
    const calls = coreService('api-gateway')
      .calls.map((call) => call.service)
      .sort();
    expect(calls).toStrictEqual(gatewayUpstreams(GATEWAY_ROUTES));
  });

  it('rejects a repeated prefix and a malformed one', () => {
    const route = { pathPrefix: '/api', upstream: 'producer', websocket: false } as const;
    expect(() => gatewayRoutesConfig([route, route], address)).toThrow('gateway route "/api" is listed twice');
    expect(() => gatewayRoutesConfig([{ ...route, pathPrefix: 'api' }], address)).toThrow(
      'gateway route "api": a path prefix starts with "/"',
    );
  });
});
