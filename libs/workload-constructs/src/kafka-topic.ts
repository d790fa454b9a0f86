// Strimzi KafkaTopic: topics as code. The Topic Operator creates and reconciles the topic in the Kafka
// cluster named by the `strimzi.io/cluster` label, so partitions and retention are reviewed in Git.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { assertDnsSubdomain, assertIntegerInRange } from './kubernetes-names';

const KAFKA_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export interface KafkaTopicProps {
  /** The topic's name inside Kafka (dots and underscores allowed), e.g. `coffee.order.created`. */
  readonly topicName: string;
  /** Name of the Strimzi Kafka cluster (value of the `strimzi.io/cluster` label). */
  readonly kafkaClusterName: string;
  /**
   * Namespace the Topic Operator watches (usually the Kafka cluster's).
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /** Partition count; bounds consumer parallelism. */
  readonly partitions: number;
  /** Replication factor; at most the broker count. */
  readonly replicas: number;
  /**
   * Topic-level Kafka configuration such as `retention.ms`, rendered sorted by key.
   * @default {}
   */
  readonly config?: Readonly<Record<string, string | number>>;
  /**
   * Extra labels on the KafkaTopic.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Kubernetes object name for a Kafka topic: lowercase, `_` becomes `-` (Kafka allows names Kubernetes does not). */
export function kafkaTopicResourceName(topicName: string): string {
  return topicName.toLowerCase().replaceAll('_', '-');
}

/** Renders a `kafka.strimzi.io/v1beta2` KafkaTopic whose `spec.topicName` keeps the exact Kafka name. */
export class KafkaTopic extends Construct {
  public readonly apiObject: ApiObject;
  public readonly topicName: string;

  constructor(scope: Construct, id: string, props: KafkaTopicProps) {
    super(scope, id);
    const where = `KafkaTopic "${props.topicName}"`;
    if (!KAFKA_TOPIC_NAME.test(props.topicName) || props.topicName === '.' || props.topicName === '..') {
      throw new Error(`${where}: a Kafka topic name is 1-249 letters, digits, '.', '_' and '-'`);
    }
    const resourceName = kafkaTopicResourceName(props.topicName);
    assertDnsSubdomain(resourceName, `${where}: derived object name`);
    assertDnsSubdomain(props.kafkaClusterName, `${where}: kafkaClusterName`);
    assertIntegerInRange(props.partitions, 1, 1000, `${where}: partitions`);
    assertIntegerInRange(props.replicas, 1, 7, `${where}: replicas`);
    const config = props.config ?? {};
    const minInSync = config['min.insync.replicas'];
    if (minInSync !== undefined && Number(minInSync) > props.replicas) {
      throw new Error(
        `${where}: min.insync.replicas ${minInSync} exceeds replicas ${props.replicas}; producers could never write`,
      );
    }
    this.topicName = props.topicName;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaTopic',
      metadata: {
        name: resourceName,
        ...(props.namespace === undefined ? {} : { namespace: props.namespace }),
        labels: { ...props.labels, 'strimzi.io/cluster': props.kafkaClusterName },
      },
      spec: {
        ...(Object.keys(config).length === 0
          ? {}
          : {
              config: Object.fromEntries(
                Object.keys(config)
                  .sort()
                  .map((key) => [key, config[key]]),
              ),
            }),
        partitions: props.partitions,
        replicas: props.replicas,
        topicName: props.topicName,
      },
    });
  }
}
