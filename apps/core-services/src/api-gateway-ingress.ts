// The only Ingress of the platform: the api-gateway behind TLS on `api.<baseDomain>`. Its paths come from
// the gateway's route table; the controller-specific annotations terminate TLS and keep WebSocket
// connections open. Where the certificate comes from depends on the controller: the AWS ALB serves an ACM
// certificate and ignores Kubernetes TLS Secrets; every other controller reads the Secret named in spec.tls,
// which cert-manager creates and renews from the ClusterIssuer (Let's Encrypt through the cloud's DNS).
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Secret holding the certificate on controllers that read spec.tls Secrets. */
export const API_GATEWAY_TLS_SECRET = 'api-gateway-tls';

/** TLS 1.3 with 1.2 fallback and forward-secret ciphers only: AWS's recommended ALB policy. */
export const ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** NGINX-based controllers (ingress-nginx, Azure's application routing add-on): an hour for WebSockets. */
const NGINX_ANNOTATIONS: Readonly<Record<string, string>> = {
  'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
  'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
  'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
};

interface IngressClassTls {
  /** `acm`: the load balancer finds an ACM certificate for the TLS host; `secret`: cert-manager issues the Secret. */
  readonly certificate: 'acm' | 'secret';
  readonly annotations: (props: ApiGatewayIngressProps) => Record<string, string>;
}

/**
 * Per ingress class. Unknown classes are treated as spec-conforming controllers: Secret-based TLS, no
 * controller annotations.
 */
const CLASS_TLS: Readonly<Record<string, IngressClassTls>> = {
  alb: {
    certificate: 'acm',
    annotations: (props) => ({
      // HTTP is only there to redirect to HTTPS (ssl-redirect needs an HTTP listener to act on).
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
      'alb.ingress.kubernetes.io/ssl-policy': ALB_SSL_POLICY,
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      // Straight to pod IPs: no NodePort, so the namespace quota's services.nodeports = 0 holds.
      'alb.ingress.kubernetes.io/target-type': 'ip',
      // The ALB checks `/` by default, which the gateway does not serve; use its readiness endpoint.
      'alb.ingress.kubernetes.io/healthcheck-path': props.healthCheckPath,
      'alb.ingress.kubernetes.io/load-balancer-attributes': 'idle_timeout.timeout_seconds=3600',
    }),
  },
  gce: {
    certificate: 'secret',
    // HTTPS only: the DNS-01 challenge needs no HTTP listener.
    annotations: () => ({ 'kubernetes.io/ingress.allow-http': 'false' }),
  },
  nginx: { certificate: 'secret', annotations: () => ({ ...NGINX_ANNOTATIONS }) },
  'webapprouting.kubernetes.azure.com': { certificate: 'secret', annotations: () => ({ ...NGINX_ANNOTATIONS }) },
};

const DEFAULT_CLASS_TLS: IngressClassTls = { certificate: 'secret', annotations: () => ({}) };

export interface ApiGatewayIngressProps {
  readonly namespace: string;
  readonly className: string;
  readonly baseDomain: string;
  /** Path prefixes routed to the gateway (Prefix match). */
  readonly pathPrefixes: readonly string[];
  readonly gateway: kplus.Service;
  readonly gatewayPort: number;
  /** HTTP path that answers 200 when the gateway is ready; load balancers that do not read probes check it. */
  readonly healthCheckPath: string;
  /** cert-manager ClusterIssuer that issues the certificate where the controller reads TLS Secrets. */
  readonly clusterIssuer: string;
  readonly labels: Readonly<Record<string, string>>;
}

export class ApiGatewayIngress extends Construct {
  /** Public host name, `api.<baseDomain>`. */
  public readonly host: string;
  /** Where the certificate comes from on this cluster's ingress class. */
  public readonly certificate: 'acm' | 'secret';

  constructor(scope: Construct, id: string, props: ApiGatewayIngressProps) {
    super(scope, id);
    if (!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/.test(props.baseDomain)) {
      throw new Error(
        `Ingress "api-gateway": base domain "${props.baseDomain}" is not a DNS name; fix ingress.baseDomain of the cluster`,
      );
    }
    if (props.pathPrefixes.length === 0) {
      throw new Error('Ingress "api-gateway": no paths; the gateway route table is empty');
    }
    if (!props.healthCheckPath.startsWith('/')) {
      throw new Error(
        `Ingress "api-gateway": health check path "${props.healthCheckPath}" must start with "/"; use the gateway's HTTP readiness path`,
      );
    }
    this.host = `api.${props.baseDomain}`;
    const classTls = CLASS_TLS[props.className] ?? DEFAULT_CLASS_TLS;
    this.certificate = classTls.certificate;
    const backend = kplus.IngressBackend.fromService(props.gateway, { port: props.gatewayPort });
    new kplus.Ingress(this, 'Resource', {
      metadata: {
        name: 'api-gateway',
        namespace: props.namespace,
        labels: { ...props.labels },
        annotations: {
          ...classTls.annotations(props),
          // cert-manager's ingress-shim creates a Certificate for spec.tls and keeps the Secret renewed.
          ...(classTls.certificate === 'secret' ? { 'cert-manager.io/cluster-issuer': props.clusterIssuer } : {}),
        },
      },
      className: props.className,
      // The ALB discovers its ACM certificate from these hosts; the policy gate requires them on every Ingress.
      tls: [
        classTls.certificate === 'secret'
          ? { hosts: [this.host], secret: kplus.Secret.fromSecretName(this, 'Tls', API_GATEWAY_TLS_SECRET) }
          : { hosts: [this.host] },
      ],
      rules: props.pathPrefixes.map((path) => ({
        host: this.host,
        path,
        pathType: kplus.HttpIngressPathType.PREFIX,
        backend,
      })),
    });
  }
}
