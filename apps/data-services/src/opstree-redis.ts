// An in-cluster standalone Redis run by the OT-CONTAINER-KIT redis-operator, password-protected with a
// Secret an ExternalSecret fills from the cloud's secret manager, and with its exporter for Prometheus.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface OpstreeRedisProps {
  /** Redis name; the operator names the client Service the same. */
  readonly name: string;
  readonly namespace: string;
  /** Redis image, pinned, e.g. `quay.io/opstree/redis:v7.0.15`. */
  readonly image: string;
  readonly storageGi: number;
  readonly storageClass: string;
  /** Secret key holding the Redis password. */
  readonly passwordSecret: { readonly name: string; readonly key: string };
  /**
   * Labels on the Redis resource.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const PINNED_IMAGE = /^[a-z0-9./-]+:v?[0-9][A-Za-z0-9._-]*$/;

/** Renders a `redis.redis.opstreelabs.in/v1beta2` Redis (standalone). */
export class OpstreeRedis extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: OpstreeRedisProps) {
    super(scope, id);
    const where = `Redis ${props.namespace}/${props.name}`;
    if (!PINNED_IMAGE.test(props.image)) {
      throw new Error(
        `${where}: image "${props.image}" must be pinned to a version tag, e.g. "quay.io/opstree/redis:v7.0.15"`,
      );
    }
    if (!Number.isInteger(props.storageGi) || props.storageGi < 1) {
      throw new Error(`${where}: storageGi ${props.storageGi} must be a positive integer`);
    }
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'redis.redis.opstreelabs.in/v1beta2',
      kind: 'Redis',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        ...(props.labels ? { labels: { ...props.labels } } : {}),
      },
      spec: {
        kubernetesConfig: {
          image: props.image,
          imagePullPolicy: 'IfNotPresent',
          redisSecret: { key: props.passwordSecret.key, name: props.passwordSecret.name },
          resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
        },
        podSecurityContext: { fsGroup: 1000, runAsNonRoot: true, runAsUser: 1000 },
        redisExporter: { enabled: true, image: 'quay.io/opstree/redis-exporter:v1.44.0' },
        storage: {
          volumeClaimTemplate: {
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: `${props.storageGi}Gi` } },
              storageClassName: props.storageClass,
            },
          },
        },
      },
    });
  }
}
