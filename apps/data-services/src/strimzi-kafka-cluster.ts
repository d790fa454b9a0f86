// An in-cluster Kafka run by Strimzi in KRaft mode (no ZooKeeper): one KafkaNodePool whose nodes are both
// controllers and brokers, and the Kafka resource with the listeners clients use. Replication settings
// follow the node count, so a one-node dev cluster does not wait forever for replicas that do not exist.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface StrimziKafkaClusterProps {
  /** Kafka cluster name; Strimzi names the bootstrap Service `<name>-kafka-bootstrap`. */
  readonly name: string;
  readonly namespace: string;
  /** Kafka version supported by the installed Strimzi operator, e.g. `3.9.0`. */
  readonly kafkaVersion: string;
  /** Nodes of the dual-role (controller + broker) pool; 1 or at least 3 (a KRaft quorum). */
  readonly nodes: number;
  /** Persistent volume size per node in GiB. */
  readonly storageGi: number;
  readonly storageClass: string;
  /**
   * Labels on both resources.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const KAFKA_VERSION = /^\d+\.\d+\.\d+$/;

/** Renders `kafka.strimzi.io/v1beta2` Kafka and KafkaNodePool resources (KRaft). */
export class StrimziKafkaCluster extends Construct {
  public readonly kafka: ApiObject;
  public readonly nodePool: ApiObject;
  /** In-cluster bootstrap address of the plain listener. */
  public readonly bootstrapServers: string;

  constructor(scope: Construct, id: string, props: StrimziKafkaClusterProps) {
    super(scope, id);
    const where = `Kafka ${props.namespace}/${props.name}`;
    if (!KAFKA_VERSION.test(props.kafkaVersion)) {
      throw new Error(`${where}: kafkaVersion "${props.kafkaVersion}" must be a full version like "3.9.0"`);
    }
    if (!Number.isInteger(props.nodes) || props.nodes < 1 || props.nodes === 2) {
      throw new Error(
        `${where}: nodes is ${props.nodes}; use 1 (dev) or 3 or more (a KRaft quorum survives one loss only with 3)`,
      );
    }
    if (!Number.isInteger(props.storageGi) || props.storageGi < 1) {
      throw new Error(`${where}: storageGi ${props.storageGi} must be a positive integer`);
    }
    const labels = { ...(props.labels ?? {}) };
    const replication = Math.min(3, props.nodes);
    const minInSync = Math.max(1, replication - 1);
    const [major, minor] = props.kafkaVersion.split('.');

    this.nodePool = new ApiObject(this, 'NodePool', {
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaNodePool',
      metadata: {
        name: `${props.name}-dual-role`,
        namespace: props.namespace,
        labels: { ...labels, 'strimzi.io/cluster': props.name },
      },
      spec: {
        replicas: props.nodes,
        resources: { limits: { memory: '2Gi' }, requests: { cpu: '250m', memory: '1Gi' } },
        roles: ['controller', 'broker'],
        storage: {
          type: 'jbod',
          volumes: [
            {
              class: props.storageClass,
              deleteClaim: false,
              id: 0,
              kraftMetadata: 'shared',
              size: `${props.storageGi}Gi`,
              type: 'persistent-claim',
            },
          ],
        },
      },
    });

    this.kafka = new ApiObject(this, 'Kafka', {
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'Kafka',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels,
        // Strimzi 0.45 needs both opt-ins for KRaft clusters built from node pools.
        annotations: { 'strimzi.io/kraft': 'enabled', 'strimzi.io/node-pools': 'enabled' },
      },
      spec: {
        entityOperator: { topicOperator: {}, userOperator: {} },
        // Kafka Exporter publishes consumer lag and topic offsets for the dashboards.
        kafkaExporter: { groupRegex: '.*', topicRegex: '.*' },
        kafka: {
          config: {
            'default.replication.factor': replication,
            'min.insync.replicas': minInSync,
            'offsets.topic.replication.factor': replication,
            'transaction.state.log.min.isr': minInSync,
            'transaction.state.log.replication.factor': replication,
          },
          listeners: [
            { name: 'plain', port: 9092, tls: false, type: 'internal' },
            { name: 'tls', port: 9093, tls: true, type: 'internal' },
          ],
          metadataVersion: `${major}.${minor}-IV0`,
          version: props.kafkaVersion,
        },
      },
    });
    this.bootstrapServers = `${props.name}-kafka-bootstrap.${props.namespace}.svc.cluster.local:9092`;
  }
}
