// What each cloud's ingress controller needs to see on an Ingress, in one place for every Ingress the platform
// renders (the api-gateway's, and Argo CD's through its chart values):
//   alb (AWS Load Balancer Controller): spec.ingressClassName plus annotations; the ALB serves an ACM
//       certificate it finds by the TLS host, must target pod IPs (no NodePorts: the quota forbids them), and
//       speaks HTTPS to a backend that serves TLS (argocd-server) or loops and fails its health checks.
//   gce (ingress-gce on GKE): acts only on the `kubernetes.io/ingress.class: gce` annotation; an Ingress with
//       spec.ingressClassName and no annotation is ignored, and the API server refuses both at once. A TLS
//       backend is declared on its Service (`cloud.google.com/app-protocols`).
//   NGINX-based (ingress-nginx, Azure's application routing add-on): spec.ingressClassName, backend protocol
//       and timeouts as annotations.
// Everything except the ALB reads its certificate from the Secret in spec.tls, which cert-manager issues.

/** TLS 1.3 with 1.2 fallback and forward-secret ciphers only: AWS's recommended ALB policy. */
export const ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** The legacy class annotation, the only class ingress-gce reads. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export interface IngressBackendNeeds {
  /** What the backend Service port speaks. */
  readonly backendProtocol: 'HTTP' | 'HTTPS';
  /** Name of the backend Service port (ingress-gce declares the protocol per port name). */
  readonly backendPortName: string;
  /** HTTP path that answers 200 when the backend is ready; load balancers that do not read probes check it. */
  readonly healthCheckPath: string;
  /** cert-manager ClusterIssuer that issues the certificate where the controller reads TLS Secrets. */
  readonly clusterIssuer: string;
  /**
   * Keep idle connections open for an hour (WebSockets).
   * @default false
   */
  readonly longLivedConnections?: boolean;
}

export interface IngressControllerFields {
  /** spec.ingressClassName; undefined where the controller reads only the class annotation (gce). */
  readonly ingressClassName?: string;
  readonly annotations: Readonly<Record<string, string>>;
  /** Annotations the backend Service needs (the backend protocol on gce). */
  readonly serviceAnnotations: Readonly<Record<string, string>>;
  /** `acm`: the load balancer finds an ACM certificate for the TLS host; `secret`: cert-manager issues the Secret. */
  readonly certificate: 'acm' | 'secret';
}

function nginxFields(className: string, needs: IngressBackendNeeds): IngressControllerFields {
  return {
    ingressClassName: className,
    annotations: {
      'cert-manager.io/cluster-issuer': needs.clusterIssuer,
      ...(needs.backendProtocol === 'HTTPS' ? { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' } : {}),
      ...(needs.longLivedConnections
        ? {
            'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
            'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
          }
        : {}),
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    },
    serviceAnnotations: {},
    certificate: 'secret',
  };
}

/** The class fields, annotations and certificate source of an Ingress of `className` for a backend with `needs`. */
export function ingressControllerFields(className: string, needs: IngressBackendNeeds): IngressControllerFields {
  if (!needs.healthCheckPath.startsWith('/')) {
    throw new Error(
      `ingress (${className}): health check path "${needs.healthCheckPath}" must start with "/"; use the backend's HTTP readiness path`,
    );
  }
  switch (className) {
    case 'alb':
      return {
        ingressClassName: 'alb',
        annotations: {
          ...(needs.backendProtocol === 'HTTPS'
            ? {
                'alb.ingress.kubernetes.io/backend-protocol': 'HTTPS',
                'alb.ingress.kubernetes.io/healthcheck-protocol': 'HTTPS',
              }
            : {}),
          // The ALB checks `/` by default; use the backend's readiness endpoint.
          'alb.ingress.kubernetes.io/healthcheck-path': needs.healthCheckPath,
          // HTTP is only there to redirect to HTTPS (ssl-redirect needs an HTTP listener to act on).
          'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
          ...(needs.longLivedConnections
            ? { 'alb.ingress.kubernetes.io/load-balancer-attributes': 'idle_timeout.timeout_seconds=3600' }
            : {}),
          'alb.ingress.kubernetes.io/scheme': 'internet-facing',
          'alb.ingress.kubernetes.io/ssl-policy': ALB_SSL_POLICY,
          'alb.ingress.kubernetes.io/ssl-redirect': '443',
          // Straight to pod IPs: no NodePort, so the namespace quota's services.nodeports = 0 holds.
          'alb.ingress.kubernetes.io/target-type': 'ip',
        },
        serviceAnnotations: {},
        certificate: 'acm',
      };
    case 'gce':
      return {
        annotations: {
          'cert-manager.io/cluster-issuer': needs.clusterIssuer,
          // HTTPS only: the DNS-01 challenge needs no HTTP listener.
          'kubernetes.io/ingress.allow-http': 'false',
          [INGRESS_CLASS_ANNOTATION]: 'gce',
        },
        serviceAnnotations:
          needs.backendProtocol === 'HTTPS'
            ? { 'cloud.google.com/app-protocols': JSON.stringify({ [needs.backendPortName]: 'HTTPS' }) }
            : {},
        certificate: 'secret',
      };
    case 'nginx':
    case 'webapprouting.kubernetes.azure.com':
      return nginxFields(className, needs);
    default:
      // A spec-conforming controller: the class field, Secret-based TLS, nothing controller-specific.
      return {
        ingressClassName: className,
        annotations: { 'cert-manager.io/cluster-issuer': needs.clusterIssuer },
        serviceAnnotations: {},
        certificate: 'secret',
      };
  }
}
