// KEDA ScaledObject that scales a consumer Deployment on Kafka consumer-group lag, down to zero when idle.
// KEDA creates and owns the HPA behind it, so the Deployment must not have one of its own.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { assertDnsLabel, assertIntegerInRange } from './kubernetes-names';
import { objectMetadata } from './object-metadata';

export interface KafkaLagTrigger {
  /** Topic the consumer group reads. */
  readonly topic: string;
  /** Target lag per replica; lower means more replicas sooner (used for higher priority topics). */
  readonly lagThreshold: number;
}

export interface KafkaScaledObjectProps {
  /** metadata.name of the ScaledObject; conventionally the Deployment's name. */
  readonly name: string;
  /**
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /** Deployment (same namespace) KEDA scales. */
  readonly targetDeploymentName: string;
  /**
   * Where the brokers are: a comma-separated `host:port` list, or the name of an environment variable of the
   * target's container (KEDA resolves its env and envFrom ConfigMaps/Secrets), so the scaler dials exactly what
   * the workload dials.
   */
  readonly bootstrap: { readonly servers: string } | { readonly fromEnv: string };
  /**
   * SASL/TLS of the brokers' listener and the TriggerAuthentication holding `username`/`password`. Required
   * whenever the listener authenticates (every managed Kafka): without it the scaler cannot read lag.
   * @default plaintext listener, no authentication
   */
  readonly security?: {
    readonly sasl: 'plaintext' | 'scram_sha256' | 'scram_sha512';
    readonly tls: 'enable';
    readonly triggerAuthenticationName: string;
  };
  /** Consumer group whose lag is measured; the workload must consume with the same group. */
  readonly consumerGroup: string;
  /** One trigger per topic; at least one, topics unique. */
  readonly triggers: readonly KafkaLagTrigger[];
  /** 0 allows scale to zero. */
  readonly minReplicaCount: number;
  /** Upper bound; useless beyond the topics' partition count. */
  readonly maxReplicaCount: number;
  /**
   * Seconds between lag checks.
   * @default 15
   */
  readonly pollingIntervalSeconds?: number;
  /**
   * Seconds without lag before scaling back to minReplicaCount (only applies when it is 0).
   * @default 300
   */
  readonly cooldownPeriodSeconds?: number;
  /**
   * Labels on the ScaledObject.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Renders a `keda.sh/v1alpha1` ScaledObject with one `kafka` trigger per topic. */
export class KafkaScaledObject extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: KafkaScaledObjectProps) {
    super(scope, id);
    const where = `ScaledObject "${props.name}"`;
    assertDnsLabel(props.name, `${where}: name`);
    assertDnsLabel(props.targetDeploymentName, `${where}: targetDeploymentName`);
    assertIntegerInRange(props.minReplicaCount, 0, 1000, `${where}: minReplicaCount`);
    assertIntegerInRange(props.maxReplicaCount, 1, 1000, `${where}: maxReplicaCount`);
    if (props.minReplicaCount > props.maxReplicaCount) {
      throw new Error(
        `${where}: minReplicaCount ${props.minReplicaCount} exceeds maxReplicaCount ${props.maxReplicaCount}`,
      );
    }
    const pollingInterval = props.pollingIntervalSeconds ?? 15;
    const cooldownPeriod = props.cooldownPeriodSeconds ?? 300;
    assertIntegerInRange(pollingInterval, 1, 3600, `${where}: pollingIntervalSeconds`);
    assertIntegerInRange(cooldownPeriod, 1, 86400, `${where}: cooldownPeriodSeconds`);
    if ('servers' in props.bootstrap && !/^[^\s,]+:[0-9]+(,[^\s,]+:[0-9]+)*$/.test(props.bootstrap.servers)) {
      throw new Error(
        `${where}: bootstrap servers "${props.bootstrap.servers}" must be a comma-separated host:port list`,
      );
    }
    if ('fromEnv' in props.bootstrap && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(props.bootstrap.fromEnv)) {
      throw new Error(`${where}: bootstrap fromEnv "${props.bootstrap.fromEnv}" is not an environment variable name`);
    }
    if (props.security !== undefined) {
      assertDnsLabel(props.security.triggerAuthenticationName, `${where}: security.triggerAuthenticationName`);
    }
    const bootstrap =
      'servers' in props.bootstrap
        ? { bootstrapServers: props.bootstrap.servers }
        : { bootstrapServersFromEnv: props.bootstrap.fromEnv };
    if (props.consumerGroup.trim() === '') {
      throw new Error(`${where}: consumerGroup is empty; use the group the workload consumes with`);
    }
    if (props.triggers.length === 0) {
      throw new Error(`${where}: no triggers; add one { topic, lagThreshold } per consumed topic`);
    }
    const topics = new Set<string>();
    for (const trigger of props.triggers) {
      if (topics.has(trigger.topic)) {
        throw new Error(`${where}: topic "${trigger.topic}" has two triggers; keep one per topic`);
      }
      topics.add(trigger.topic);
      assertIntegerInRange(trigger.lagThreshold, 1, 1_000_000, `${where}: lagThreshold of topic "${trigger.topic}"`);
    }

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: objectMetadata(props),
      spec: {
        cooldownPeriod,
        maxReplicaCount: props.maxReplicaCount,
        minReplicaCount: props.minReplicaCount,
        pollingInterval,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: props.targetDeploymentName },
        // KEDA trigger metadata values are strings.
        triggers: props.triggers.map((trigger) => ({
          ...(props.security === undefined
            ? {}
            : { authenticationRef: { name: props.security.triggerAuthenticationName } }),
          metadata: {
            ...bootstrap,
            consumerGroup: props.consumerGroup,
            lagThreshold: String(trigger.lagThreshold),
            offsetResetPolicy: 'earliest',
            ...(props.security === undefined ? {} : { sasl: props.security.sasl, tls: props.security.tls }),
            topic: trigger.topic,
          },
          type: 'kafka',
        })),
      },
    });
  }
}
