// Where Kafka, Postgres and Redis are for one cluster, and what runs them. In dev the operators' Services in
// the data namespace; in staging and prod the cloud's managed services, reached through private DNS records
// the cloud foundation creates (`<service>.<cluster>.data.go-coffee.internal`, a CNAME to the MSK / RDS /
// ElastiCache / Cloud SQL / … endpoint), so this repository never hard-codes generated cloud hostnames.
import type { Cloud, ClusterContext } from '@go-coffee/environments';
import { NAMESPACES } from '@go-coffee/render-kit';
import { DATA_SERVICE_PORTS, KAFKA_CLUSTER_NAME, MANAGED_DATA_SERVICE_PORTS } from '@go-coffee/workload-constructs';

export type DataServiceName = 'kafka' | 'postgres' | 'redis';

export interface DataServiceEndpoint {
  /** In-cluster Service name; the same in both modes so clients never change (ExternalName when managed). */
  readonly serviceName: string;
  /** Where the Service points: the operator's pods (in-cluster) or the managed service's private DNS name. */
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** Product that runs it, for people and dashboards. */
  readonly provider: string;
}

export interface KafkaEndpoint extends DataServiceEndpoint {
  /** Kafka client `security.protocol`. */
  readonly securityProtocol: 'PLAINTEXT' | 'SASL_SSL';
  /** Kafka client `sasl.mechanism`, when SASL is used. */
  readonly saslMechanism?: 'SCRAM-SHA-512' | 'OAUTHBEARER' | 'PLAIN';
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
    kafka: Omit<KafkaEndpoint, 'host' | 'serviceName'>;
    postgres: Omit<DataServiceEndpoint, 'host' | 'serviceName'>;
    redis: Omit<DataServiceEndpoint, 'host' | 'serviceName'>;
  }
> = {
  aws: {
    // MSK's SASL/SCRAM listener.
    kafka: {
      port: MANAGED_DATA_SERVICE_PORTS.aws.kafka,
      provider: 'Amazon MSK',
      saslMechanism: 'SCRAM-SHA-512',
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
      saslMechanism: 'OAUTHBEARER',
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
      saslMechanism: 'PLAIN',
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

/** Private DNS name of a managed service of the cluster. */
export function managedHostname(ctx: ClusterContext, service: DataServiceName): string {
  return `${service}.${ctx.name}.data.go-coffee.internal`;
}

export function dataServiceEndpoints(ctx: ClusterContext): DataServiceEndpoints {
  const data = NAMESPACES.data;
  if (ctx.dataMode === 'in-cluster') {
    const local = (service: DataServiceName) => `${SERVICE_NAMES[service]}.${data}.svc.cluster.local`;
    return {
      mode: ctx.dataMode,
      kafka: {
        serviceName: SERVICE_NAMES.kafka,
        host: local('kafka'),
        port: DATA_SERVICE_PORTS.kafka,
        tls: false,
        provider: 'Strimzi',
        securityProtocol: 'PLAINTEXT',
      },
      postgres: {
        serviceName: SERVICE_NAMES.postgres,
        host: local('postgres'),
        port: DATA_SERVICE_PORTS.postgres,
        tls: true,
        provider: 'CloudNativePG',
      },
      redis: {
        serviceName: SERVICE_NAMES.redis,
        host: local('redis'),
        port: DATA_SERVICE_PORTS.redis,
        tls: false,
        provider: 'OT redis-operator',
      },
    };
  }
  const managed = MANAGED[ctx.cloud];
  return {
    mode: ctx.dataMode,
    kafka: { ...managed.kafka, serviceName: SERVICE_NAMES.kafka, host: managedHostname(ctx, 'kafka') },
    postgres: { ...managed.postgres, serviceName: SERVICE_NAMES.postgres, host: managedHostname(ctx, 'postgres') },
    redis: { ...managed.redis, serviceName: SERVICE_NAMES.redis, host: managedHostname(ctx, 'redis') },
  };
}

/** The endpoints as environment variables (the `data-service-endpoints` ConfigMap). */
export function endpointEnvironment(endpoints: DataServiceEndpoints): Record<string, string> {
  const address = (e: DataServiceEndpoint) => `${e.serviceName}.${NAMESPACES.data}.svc.cluster.local`;
  return {
    DATA_SERVICES_MODE: endpoints.mode,
    KAFKA_BOOTSTRAP_SERVERS: `${address(endpoints.kafka)}:${endpoints.kafka.port}`,
    KAFKA_PROVIDER: endpoints.kafka.provider,
    ...(endpoints.kafka.saslMechanism ? { KAFKA_SASL_MECHANISM: endpoints.kafka.saslMechanism } : {}),
    KAFKA_SECURITY_PROTOCOL: endpoints.kafka.securityProtocol,
    POSTGRES_HOST: address(endpoints.postgres),
    POSTGRES_PORT: String(endpoints.postgres.port),
    POSTGRES_PROVIDER: endpoints.postgres.provider,
    POSTGRES_SSLMODE: endpoints.postgres.tls ? 'require' : 'disable',
    REDIS_HOST: address(endpoints.redis),
    REDIS_PORT: String(endpoints.redis.port),
    REDIS_PROVIDER: endpoints.redis.provider,
    REDIS_TLS: String(endpoints.redis.tls),
  };
}
