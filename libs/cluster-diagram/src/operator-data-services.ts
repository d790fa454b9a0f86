// Data services an operator runs inside the cluster (dev): the custom resources that stand for Kafka, Postgres
// and Redis, how to name them in a picture, and where their image and size live in each resource's spec.
import { refOf } from '@go-coffee/kube-objects';
import type { KubeObject } from '@go-coffee/kube-objects';
import type { DataService } from '@go-coffee/workload-constructs';

export interface OperatorDataService {
  readonly service: DataService;
  readonly title: string;
  readonly operator: string;
  readonly image: (object: KubeObject) => string;
  readonly replicas: (object: KubeObject, all: readonly KubeObject[]) => string;
}

type Loose = Record<string, unknown>;
const field = (object: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((value, key) => (value as Loose | undefined)?.[key], object);
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** Keyed by `group/Kind`. */
export const OPERATOR_DATA_SERVICES: Readonly<Record<string, OperatorDataService>> = {
  'kafka.strimzi.io/Kafka': {
    service: 'kafka',
    title: 'Kafka',
    operator: 'Strimzi',
    image: (object) => `Apache Kafka ${text(field(object, 'spec', 'kafka', 'version'))} (Strimzi's image)`,
    // With node pools the brokers are counted on the KafkaNodePools that name the cluster.
    replicas: (object, all) => {
      const { name, namespace } = refOf(object);
      const pools = all.filter(
        (other) =>
          refOf(other).kind === 'KafkaNodePool' &&
          refOf(other).namespace === namespace &&
          text(field(other, 'metadata', 'labels', 'strimzi.io/cluster')) === name,
      );
      if (pools.length === 0) return text(field(object, 'spec', 'kafka', 'replicas')) || '1';
      return String(pools.reduce((sum, pool) => sum + Number(text(field(pool, 'spec', 'replicas')) || '0'), 0));
    },
  },
  'postgresql.cnpg.io/Cluster': {
    service: 'postgres',
    title: 'PostgreSQL',
    operator: 'CloudNativePG',
    image: (object) => text(field(object, 'spec', 'imageName')) || "the operator's default image",
    replicas: (object) => text(field(object, 'spec', 'instances')) || '1',
  },
  'redis.redis.opstreelabs.in/Redis': {
    service: 'redis',
    title: 'Redis',
    operator: 'Redis operator',
    image: (object) => text(field(object, 'spec', 'kubernetesConfig', 'image')),
    replicas: () => '1',
  },
};

/** The table entry for an operator-run data service object, with its key; undefined for anything else. */
export function operatorDataServiceOf(object: KubeObject): { readonly kindKey: string } | undefined {
  const { group, kind } = refOf(object);
  const kindKey = `${group}/${kind}`;
  return OPERATOR_DATA_SERVICES[kindKey] ? { kindKey } : undefined;
}

/** How a picture names a data service. */
export const DATA_SERVICE_TITLES: Readonly<Record<DataService, string>> = {
  kafka: 'Kafka',
  postgres: 'PostgreSQL',
  redis: 'Redis',
};
