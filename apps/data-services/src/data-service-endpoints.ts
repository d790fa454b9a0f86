// Where Kafka, Postgres and Redis are for one cluster, and what runs them. In dev the operators' Services in
// the data namespace. In staging and prod the cloud's managed services, always behind TLS: a TLS client
// verifies the certificate against the host it dials, and only the provider's own host names (MSK brokers,
// RDS, ElastiCache, Cloud SQL, …) are on those certificates, so clients dial them directly. The cloud IaC
// writes them into the secret manager with the credentials (Kafka's `bootstrap_servers` next to its SASL
// user; Postgres and Redis inside each workload's DATABASE_URL / REDIS_URL); no in-cluster alias is rendered,
// and this repository never hard-codes generated cloud host names.
import type { Cloud, ClusterContext } from '@go-coffee/environments';
import { NAMESPACES } from '@go-coffee/render-kit';
import {
  DATA_SERVICE_PORTS,
  KAFKA_CLIENT_ENV,
  KAFKA_CLUSTER_NAME,
  MANAGED_DATA_SERVICE_PORTS,
  MANAGED_KAFKA_SASL_MECHANISM,
} from '@go-coffee/workload-constructs';

export type DataServiceName = 'kafka' | 'postgres' | 'redis';

export interface DataServiceEndpoint {
  /** In-cluster host of the operator's Service; undefined when managed (the provider host is in the secret manager). */
  readonly host?: string;
  readonly port: number;
  readonly tls: boolean;
  /** Product that runs it, for people and dashboards. */
  readonly provider: string;
}

export interface KafkaEndpoint extends DataServiceEndpoint {
  /** Kafka client `security.protocol`. */
  readonly securityProtocol: 'PLAINTEXT' | 'SASL_SSL';
  /** Kafka client `sasl.mechanism`, when SASL is used. */
  readonly saslMechanism?: 'SCRAM-SHA-512' | 'PLAIN';
}

export interface DataServiceEndpoints {
  readonly mode: ClusterContext['dataMode'];
  readonly kafka: KafkaEndpoint;
  readonly postgres: DataServiceEndpoint;
  readonly redis: DataServiceEndpoint;
}

export const POSTGRES_CLUSTER_NAME = 'go-coffee-postgres';
export const REDIS_NAME = 'go-coffee-redis';

const SERVICE_NAMES: Record<DataServiceName, string> = {
  kafka: `${KAFKA_CLUSTER_NAME}-kafka-bootstrap`,
  // CloudNativePG's read-write Service.
  postgres: `${POSTGRES_CLUSTER_NAME}-rw`,
  redis: REDIS_NAME,
};

/** Managed products per cloud, with the port and client settings each one requires. */
const MANAGED: Record<
  Cloud,
  {
    kafka: KafkaEndpoint;
    postgres: DataServiceEndpoint;
    redis: DataServiceEndpoint;
  }
> = {
  aws: {
    // MSK's SASL/SCRAM listener.
    kafka: {
      port: MANAGED_DATA_SERVICE_PORTS.aws.kafka,
      provider: 'Amazon MSK',
      saslMechanism: MANAGED_KAFKA_SASL_MECHANISM.aws,
      securityProtocol: 'SASL_SSL',
      tls: true,
    },
    postgres: { port: MANAGED_DATA_SERVICE_PORTS.aws.postgres, provider: 'Amazon RDS for PostgreSQL', tls: true },
    redis: { port: MANAGED_DATA_SERVICE_PORTS.aws.redis, provider: 'Amazon ElastiCache for Redis', tls: true },
  },
  gcp: {
    kafka: {
      port: MANAGED_DATA_SERVICE_PORTS.gcp.kafka,
      provider: 'Google Cloud Managed Service for Apache Kafka',
      saslMechanism: MANAGED_KAFKA_SASL_MECHANISM.gcp,
      securityProtocol: 'SASL_SSL',
      tls: true,
    },
    postgres: { port: MANAGED_DATA_SERVICE_PORTS.gcp.postgres, provider: 'Cloud SQL for PostgreSQL', tls: true },
    // Memorystore's in-transit encryption port.
    redis: { port: MANAGED_DATA_SERVICE_PORTS.gcp.redis, provider: 'Memorystore for Redis', tls: true },
  },
  azure: {
    // Event Hubs' Kafka endpoint: SASL PLAIN with the connection string as password.
    kafka: {
      port: MANAGED_DATA_SERVICE_PORTS.azure.kafka,
      provider: 'Azure Event Hubs (Kafka endpoint)',
      saslMechanism: MANAGED_KAFKA_SASL_MECHANISM.azure,
      securityProtocol: 'SASL_SSL',
      tls: true,
    },
    postgres: {
      port: MANAGED_DATA_SERVICE_PORTS.azure.postgres,
      provider: 'Azure Database for PostgreSQL flexible server',
      tls: true,
    },
    redis: { port: MANAGED_DATA_SERVICE_PORTS.azure.redis, provider: 'Azure Cache for Redis', tls: true },
  },
};

export function dataServiceEndpoints(ctx: ClusterContext): DataServiceEndpoints {
  const data = NAMESPACES.data;
  if (ctx.dataMode === 'in-cluster') {
    const local = (service: DataServiceName) => `${SERVICE_NAMES[service]}.${data}.svc.cluster.local`;
    return {
      mode: ctx.dataMode,
      kafka: {
        host: local('kafka'),
        port: DATA_SERVICE_PORTS.kafka,
        tls: false,
        provider: 'Strimzi',
        securityProtocol: 'PLAINTEXT',
      },
      postgres: {
        host: local('postgres'),
        port: DATA_SERVICE_PORTS.postgres,
        tls: true,
        provider: 'CloudNativePG',
      },
      redis: {
        host: local('redis'),
        port: DATA_SERVICE_PORTS.redis,
        tls: false,
        provider: 'OT redis-operator',
      },
    };
  }
  return { mode: ctx.dataMode, ...MANAGED[ctx.cloud] };
}

/**
 * The endpoints as environment variables (the `data-service-endpoints` ConfigMap): client settings, and Kafka's
 * bootstrap servers where they are in-cluster. Managed Kafka's brokers come from the `kafka-credentials` Secret;
 * Postgres and Redis hosts travel inside each workload's DATABASE_URL / REDIS_URL secret.
 */
export function endpointEnvironment(endpoints: DataServiceEndpoints): Record<string, string> {
  const kafka = endpoints.kafka;
  return {
    DATA_SERVICES_MODE: endpoints.mode,
    ...(kafka.host === undefined ? {} : { [KAFKA_CLIENT_ENV.bootstrapServers]: `${kafka.host}:${kafka.port}` }),
    KAFKA_PROVIDER: kafka.provider,
    ...(kafka.saslMechanism ? { KAFKA_SASL_MECHANISM: kafka.saslMechanism } : {}),
    KAFKA_SECURITY_PROTOCOL: kafka.securityProtocol,
    POSTGRES_PROVIDER: endpoints.postgres.provider,
    POSTGRES_SSLMODE: endpoints.postgres.tls ? 'require' : 'disable',
    REDIS_PROVIDER: endpoints.redis.provider,
    REDIS_TLS: String(endpoints.redis.tls),
  };
}
