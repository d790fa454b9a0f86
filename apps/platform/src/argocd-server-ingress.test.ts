import { describe, expect, it } from 'vitest';
import { testClusterContext } from '@go-coffee/environments/test-support';
import { argocdServerValues } from './argocd-server-ingress';

const aws = testClusterContext();
const gcp = testClusterContext({
  name: 'prod-gcp-us-central1',
  cloud: 'gcp',
  region: 'us-central1',
  ingress: { className: 'gce', baseDomain: 'go-coffee.com' },
  identity: { gcpServiceAccount: 'workloads@go-coffee-platform.iam.gserviceaccount.com' },
});

describe('argocdServerValues', () => {
  it('on AWS: an internet-facing ALB to pod IPs that speaks HTTPS to argocd-server and checks /healthz', () => {
    expect(argocdServerValues(aws)).toStrictEqual({
      ingress: {
        annotations: {
          'alb.ingress.kubernetes.io/backend-protocol': 'HTTPS',
          'alb.ingress.kubernetes.io/healthcheck-path': '/healthz',
          'alb.ingress.kubernetes.io/healthcheck-protocol': 'HTTPS',
          'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
          'alb.ingress.kubernetes.io/scheme': 'internet-facing',
          'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          'alb.ingress.kubernetes.io/ssl-redirect': '443',
          'alb.ingress.kubernetes.io/target-type': 'ip',
        },
        enabled: true,
        ingressClassName: 'alb',
        tls: true,
      },
    });
  });

  it('on GKE: the gce class annotation instead of ingressClassName, HTTPS declared on the Service, cert-manager TLS', () => {
    expect(argocdServerValues(gcp)).toStrictEqual({
      ingress: {
        annotations: {
          'cert-manager.io/cluster-issuer': 'letsencrypt',
          'kubernetes.io/ingress.allow-http': 'false',
          'kubernetes.io/ingress.class': 'gce',
        },
        enabled: true,
        tls: true,
      },
      service: { annotations: { 'cloud.google.com/app-protocols': '{"https":"HTTPS"}' } },
    });
  });
});
