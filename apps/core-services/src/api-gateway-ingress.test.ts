import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, it } from 'vitest';
import { ALB_SSL_POLICY } from '@go-coffee/workload-constructs';
import { ApiGatewayIngress } from './api-gateway-ingress';
import type { ApiGatewayIngressProps } from './api-gateway-ingress';

interface RenderedIngress {
  metadata: { annotations?: Record<string, string> };
  spec: { ingressClassName?: string; tls: unknown[] };
}

function ingress(className: string, overrides: Partial<ApiGatewayIngressProps> = {}): RenderedIngress {
  const chart = new Chart(Testing.app(), 'test');
  const gateway = new kplus.Service(chart, 'gateway', { metadata: { name: 'api-gateway' }, ports: [{ port: 8080 }] });
  new ApiGatewayIngress(chart, 'ingress', {
    namespace: 'go-coffee',
    className,
    baseDomain: 'go-coffee.com',
    pathPrefixes: ['/api/v1'],
    gateway,
    gatewayPort: 8080,
    gatewayPortName: 'http',
    healthCheckPath: '/ready',
    clusterIssuer: 'letsencrypt',
    labels: {},
    ...overrides,
  });
  return Testing.synth(chart).find((o: { kind: string }) => o.kind === 'Ingress') as RenderedIngress;
}

describe('ApiGatewayIngress', () => {
  it('on AWS ALB: serves the ACM certificate found by the TLS host and names no Secret nor issuer', () => {
    const alb = ingress('alb');
    expect(alb.spec.tls).toStrictEqual([{ hosts: ['api.go-coffee.com'] }]);
    expect(Object.keys(alb.metadata.annotations ?? {})).not.toContain('cert-manager.io/cluster-issuer');
  });

  it('on AWS ALB: is internet-facing, targets pod IPs, redirects HTTP to HTTPS under a TLS 1.3 policy', () => {
    expect(ingress('alb').metadata.annotations).toStrictEqual({
      'alb.ingress.kubernetes.io/healthcheck-path': '/ready',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/load-balancer-attributes': 'idle_timeout.timeout_seconds=3600',
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/ssl-policy': ALB_SSL_POLICY,
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
      'alb.ingress.kubernetes.io/target-type': 'ip',
    });
    expect(ALB_SSL_POLICY).toMatch(/^ELBSecurityPolicy-TLS13-/);
  });

  it('on GKE (gce): asks the ClusterIssuer for the api-gateway-tls Secret and disables plain HTTP', () => {
    const gce = ingress('gce');
    expect(gce.spec.tls).toStrictEqual([{ hosts: ['api.go-coffee.com'], secretName: 'api-gateway-tls' }]);
    expect(gce.metadata.annotations).toStrictEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt',
      'kubernetes.io/ingress.allow-http': 'false',
      'kubernetes.io/ingress.class': 'gce',
    });
  });

  it('on GKE (gce): names its class with the annotation ingress-gce reads, never spec.ingressClassName', () => {
    expect(ingress('gce').spec.ingressClassName).toBeUndefined();
    expect(ingress('alb').spec.ingressClassName).toBe('alb');
  });

  it("on Azure's application routing add-on: asks the ClusterIssuer for the Secret and keeps WebSockets open", () => {
    const azure = ingress('webapprouting.kubernetes.azure.com');
    expect(azure.spec.tls).toStrictEqual([{ hosts: ['api.go-coffee.com'], secretName: 'api-gateway-tls' }]);
    expect(azure.metadata.annotations).toStrictEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    });
  });

  it('on an unknown ingress class: still gets a cert-manager certificate through the Secret', () => {
    const other = ingress('traefik');
    expect(other.spec.tls).toStrictEqual([{ hosts: ['api.go-coffee.com'], secretName: 'api-gateway-tls' }]);
    expect(other.metadata.annotations).toStrictEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
  });

  it('rejects a health check path that is not an HTTP path', () => {
    expect(() => ingress('alb', { healthCheckPath: '' })).toThrow(
      'Ingress "api-gateway": health check path "" must start with "/"',
    );
  });
});
