// The public Ingress of the platform: the api-gateway behind TLS on `api.<baseDomain>`. Its paths come from
// the gateway's route table; what the cloud's controller needs (class field or annotation, TLS, WebSocket
// timeouts) comes from ingressControllerFields. Where the certificate comes from depends on the controller:
// the AWS ALB serves an ACM certificate and ignores Kubernetes TLS Secrets; every other controller reads the
// Secret named in spec.tls, which cert-manager creates and renews from the ClusterIssuer.
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ingressControllerFields } from '@go-coffee/workload-constructs';

/** Secret holding the certificate on controllers that read spec.tls Secrets. */
export const API_GATEWAY_TLS_SECRET = 'api-gateway-tls';

export interface ApiGatewayIngressProps {
  readonly namespace: string;
  readonly className: string;
  readonly baseDomain: string;
  /** Path prefixes routed to the gateway (Prefix match). */
  readonly pathPrefixes: readonly string[];
  readonly gateway: kplus.Service;
  readonly gatewayPort: number;
  /** Name of that port on the gateway's Service. */
  readonly gatewayPortName: string;
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
    const controller = ingressControllerFields(props.className, {
      backendProtocol: 'HTTP',
      backendPortName: props.gatewayPortName,
      healthCheckPath: props.healthCheckPath,
      clusterIssuer: props.clusterIssuer,
      longLivedConnections: true,
    });
    this.certificate = controller.certificate;
    const backend = kplus.IngressBackend.fromService(props.gateway, { port: props.gatewayPort });
    new kplus.Ingress(this, 'Resource', {
      metadata: {
        name: 'api-gateway',
        namespace: props.namespace,
        labels: { ...props.labels },
        // cert-manager's ingress-shim creates a Certificate for spec.tls and keeps the Secret renewed.
        annotations: { ...controller.annotations },
      },
      ...(controller.ingressClassName === undefined ? {} : { className: controller.ingressClassName }),
      // The ALB discovers its ACM certificate from these hosts; the policy gate requires them on every Ingress.
      tls: [
        controller.certificate === 'secret'
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
