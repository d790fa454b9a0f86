// A Service of type ExternalName: an in-cluster DNS name that resolves (CNAME) to a managed service outside
// the cluster, so clients use the same address whether the data service runs in-cluster or not.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface ExternalNameServiceProps {
  readonly name: string;
  readonly namespace: string;
  /** DNS name the Service resolves to; a hostname, never an IP address. */
  readonly externalName: string;
  /** Port clients connect to (documentation for ExternalName; kube-proxy does not remap it). */
  readonly port: number;
  /**
   * Labels on the Service.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;

/** Renders a `v1` Service of type ExternalName. */
export class ExternalNameService extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ExternalNameServiceProps) {
    super(scope, id);
    const where = `Service ${props.namespace}/${props.name}`;
    if (!HOSTNAME.test(props.externalName) || /^[0-9.]+$/.test(props.externalName)) {
      throw new Error(
        `${where}: externalName "${props.externalName}" must be a lowercase DNS hostname (not an IP address)`,
      );
    }
    if (!Number.isInteger(props.port) || props.port < 1 || props.port > 65535) {
      throw new Error(`${where}: port ${props.port} must be an integer from 1 to 65535`);
    }
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        ...(props.labels ? { labels: { ...props.labels } } : {}),
      },
      spec: {
        externalName: props.externalName,
        ports: [{ name: 'client', port: props.port, protocol: 'TCP', targetPort: props.port }],
        type: 'ExternalName',
      },
    });
  }
}
