// The only Ingress of the platform: the api-gateway behind TLS on `api.<baseDomain>`. Its paths come from
// the gateway's route table; the controller-specific annotations keep WebSocket connections open.
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/**
 * Per ingress class: annotations that terminate TLS at the load balancer (the ALB finds its ACM certificate
 * from the TLS hosts; HTTPS is its only listener) and give WebSockets
 * (the `/ws/` route) an hour of idle time instead of the 60 s defaults. Unknown classes get none.
 */
const CLASS_ANNOTATIONS: Readonly<Record<string, Record<string, string>>> = {
  alb: {
    'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
    'alb.ingress.kubernetes.io/load-balancer-attributes': 'idle_timeout.timeout_seconds=3600',
    'alb.ingress.kubernetes.io/scheme': 'internet-facing',
    'alb.ingress.kubernetes.io/target-type': 'ip',
  },
  nginx: {
    'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
    'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
    'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
  },
};

export interface ApiGatewayIngressProps {
  readonly namespace: string;
  readonly className: string;
  readonly baseDomain: string;
  /** Path prefixes routed to the gateway (Prefix match). */
  readonly pathPrefixes: readonly string[];
  readonly gateway: kplus.Service;
  readonly gatewayPort: number;
  readonly labels: Readonly<Record<string, string>>;
}

export class ApiGatewayIngress extends Construct {
  /** Public host name, `api.<baseDomain>`. */
  public readonly host: string;

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
    this.host = `api.${props.baseDomain}`;
    const backend = kplus.IngressBackend.fromService(props.gateway, { port: props.gatewayPort });
    new kplus.Ingress(this, 'Resource', {
      metadata: {
        name: 'api-gateway',
        namespace: props.namespace,
        labels: { ...props.labels },
        annotations: { ...CLASS_ANNOTATIONS[props.className] },
      },
      className: props.className,
      tls: [{ hosts: [this.host], secret: kplus.Secret.fromSecretName(this, 'Tls', 'api-gateway-tls') }],
      rules: props.pathPrefixes.map((path) => ({
        host: this.host,
        path,
        pathType: kplus.HttpIngressPathType.PREFIX,
        backend,
      })),
    });
  }
}
