// An in-cluster PostgreSQL run by CloudNativePG. The application owner's password is not generated here:
// it comes from a Secret an ExternalSecret fills from the cloud's secret manager, the same place the
// services' DATABASE_URL is kept, so the two always agree.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface CnpgPostgresClusterProps {
  /** Cluster name; CloudNativePG names the read-write Service `<name>-rw`. */
  readonly name: string;
  readonly namespace: string;
  /** PostgreSQL instances (1 primary + replicas); at least 1. */
  readonly instances: number;
  /** Operand image, pinned, e.g. `ghcr.io/cloudnative-pg/postgresql:16.6`. */
  readonly imageName: string;
  readonly storageGi: number;
  readonly storageClass: string;
  /** Database created at bootstrap. */
  readonly database: string;
  /** Owner role of the database. */
  readonly owner: string;
  /** `kubernetes.io/basic-auth` Secret (username + password) of the owner, filled by an ExternalSecret. */
  readonly ownerSecretName: string;
  /**
   * Labels on the Cluster.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const PINNED_IMAGE = /^[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*$/;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Renders a `postgresql.cnpg.io/v1` Cluster and the PodMonitor that scrapes its instances. */
export class CnpgPostgresCluster extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: CnpgPostgresClusterProps) {
    super(scope, id);
    const where = `Cluster ${props.namespace}/${props.name}`;
    if (!Number.isInteger(props.instances) || props.instances < 1) {
      throw new Error(`${where}: instances ${props.instances} must be an integer of at least 1`);
    }
    if (!PINNED_IMAGE.test(props.imageName)) {
      throw new Error(
        `${where}: imageName "${props.imageName}" must be pinned to a version tag, e.g. "ghcr.io/cloudnative-pg/postgresql:16.6"`,
      );
    }
    for (const [field, value] of [
      ['database', props.database],
      ['owner', props.owner],
    ] as const) {
      if (!IDENTIFIER.test(value)) {
        throw new Error(
          `${where}: ${field} "${value}" must be a lowercase PostgreSQL identifier (letters, digits, '_')`,
        );
      }
    }
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        ...(props.labels ? { labels: { ...props.labels } } : {}),
      },
      spec: {
        bootstrap: {
          initdb: { database: props.database, owner: props.owner, secret: { name: props.ownerSecretName } },
        },
        imageName: props.imageName,
        instances: props.instances,
        resources: { limits: { memory: '1Gi' }, requests: { cpu: '100m', memory: '512Mi' } },
        storage: { size: `${props.storageGi}Gi`, storageClass: props.storageClass },
      },
    });
    // CloudNativePG 1.28 deprecates spec.monitoring.enablePodMonitor: the PodMonitor is ours to render. Every
    // instance pod carries cnpg.io/cluster and serves the exporter on its port named `metrics` (9187).
    new ApiObject(this, 'PodMonitor', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        ...(props.labels ? { labels: { ...props.labels } } : {}),
      },
      spec: {
        podMetricsEndpoints: [{ port: 'metrics' }],
        selector: { matchLabels: { 'cnpg.io/cluster': props.name } },
      },
    });
  }
}
