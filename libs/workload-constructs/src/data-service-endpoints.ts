// Where workloads find the platform's data services, shared by every area so producers, consumers, KEDA
// and the data area agree. In dev the operators run Kafka, Postgres and Redis in the data namespace and
// clients use their in-cluster Services. In staging and prod the cloud runs them behind TLS; a TLS client
// verifies the certificate against the host it dials, so clients dial the provider's own host names, which
// the cloud IaC writes into the secret manager next to the credentials (never an in-cluster alias). Every
// workload reads the same two sources: the `data-service-endpoints` ConfigMap (client settings) and, when
// Kafka is managed, the `kafka-credentials` Secret (bootstrap servers and SASL credentials).
import type { Cloud, ClusterContext } from '@go-coffee/environments';
import type { NetworkRule } from './workload-network-policy';

/** ClusterSecretStore (rendered by the platform) that reads the cloud's secret manager. */
export const CLOUD_SECRET_STORE = 'cloud-secret-store';

/** ConfigMap the data area renders into every workload namespace: the data services' client settings. */
export const DATA_ENDPOINTS_CONFIG_MAP = 'data-service-endpoints';

/** Secret (from an ExternalSecret of the data area) with managed Kafka's bootstrap servers and SASL credentials. */
export const KAFKA_CREDENTIALS_SECRET = 'kafka-credentials';

/** Environment variables of Kafka clients; the same names in the ConfigMap and the Secret. */
export const KAFKA_CLIENT_ENV = {
  bootstrapServers: 'KAFKA_BOOTSTRAP_SERVERS',
  saslUsername: 'KAFKA_SASL_USERNAME',
  saslPassword: 'KAFKA_SASL_PASSWORD',
} as const;

/**
 * SASL mechanism of each cloud's managed Kafka. MSK's :9096 listener is SCRAM-SHA-512. Google's Managed Service
 * for Apache Kafka takes PLAIN (service account email, base64 key) or OAUTHBEARER through Google's token
 * endpoint, which KEDA cannot speak, so every client uses PLAIN. Event Hubs takes PLAIN with the connection string.
 */
export const MANAGED_KAFKA_SASL_MECHANISM: Readonly<Record<Cloud, 'SCRAM-SHA-512' | 'PLAIN'>> = {
  aws: 'SCRAM-SHA-512',
  gcp: 'PLAIN',
  azure: 'PLAIN',
};

/** Strimzi Kafka cluster name; KafkaTopics carry it in `strimzi.io/cluster`. */
export const KAFKA_CLUSTER_NAME = 'go-coffee-kafka';

export type DataService = 'kafka' | 'postgres' | 'redis';

/** CloudNativePG Cluster of the dev data namespace. */
export const POSTGRES_CLUSTER_NAME = 'go-coffee-postgres';
/** OT redis-operator Redis of the dev data namespace. */
export const REDIS_NAME = 'go-coffee-redis';

/** The operators' client Services in the data namespace (in-cluster data only). */
const IN_CLUSTER_SERVICE_NAMES: Readonly<Record<DataService, string>> = {
  kafka: `${KAFKA_CLUSTER_NAME}-kafka-bootstrap`,
  // CloudNativePG's read-write Service.
  postgres: `${POSTGRES_CLUSTER_NAME}-rw`,
  redis: REDIS_NAME,
};

function inClusterHost(service: DataService, dataNamespace: string): string {
  return `${IN_CLUSTER_SERVICE_NAMES[service]}.${dataNamespace}.svc.cluster.local`;
}

/** Client port of each data service when the operators run it in the cluster. */
export const DATA_SERVICE_PORTS: Readonly<Record<DataService, number>> = {
  kafka: 9092,
  postgres: 5432,
  redis: 6379,
};

/**
 * Client port of each managed service per cloud. Clients reach it through the same in-cluster name (an
 * ExternalName Service), so the port is the one thing that changes with the product.
 */
export const MANAGED_DATA_SERVICE_PORTS: Readonly<Record<Cloud, Readonly<Record<DataService, number>>>> = {
  // MSK's SASL/SCRAM listener; RDS; ElastiCache.
  aws: { kafka: 9096, postgres: 5432, redis: 6379 },
  // Managed Service for Apache Kafka; Cloud SQL; Memorystore's in-transit encryption port.
  gcp: { kafka: 9092, postgres: 5432, redis: 6378 },
  // Event Hubs' Kafka endpoint; Azure Database for PostgreSQL; Azure Cache for Redis' TLS port.
  azure: { kafka: 9093, postgres: 5432, redis: 6380 },
};

/** The part of a cluster that decides where its data services listen. */
export type DataPlacement = Pick<ClusterContext, 'dataMode' | 'cloud'>;

/** The port clients of `service` connect to on this cluster. */
export function dataServicePort(service: DataService, placement: DataPlacement): number {
  return placement.dataMode === 'in-cluster'
    ? DATA_SERVICE_PORTS[service]
    : MANAGED_DATA_SERVICE_PORTS[placement.cloud][service];
}

/** Managed services live in the cluster's private network (VPC / VNet), never on public addresses. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

/**
 * Kafka bootstrap address in dev: Strimzi's bootstrap Service in the data namespace. Managed Kafka has no
 * in-cluster address: its TLS certificate names the provider's brokers, which come from `kafka-credentials`.
 */
export function kafkaBootstrapServers(placement: DataPlacement, dataNamespace: string): string {
  if (placement.dataMode !== 'in-cluster') {
    throw new Error(
      `managed Kafka (${placement.cloud}) has no in-cluster bootstrap address; read ${KAFKA_CLIENT_ENV.bootstrapServers} from the ${KAFKA_CREDENTIALS_SECRET} Secret`,
    );
  }
  return `${inClusterHost('kafka', dataNamespace)}:${DATA_SERVICE_PORTS.kafka}`;
}

/** What a workload using `services` reads as environment: ConfigMaps and Secrets for `envFrom`, in order. */
export function dataServiceEnvironmentSources(
  placement: DataPlacement,
  services: readonly DataService[],
): { readonly configMaps: readonly string[]; readonly secrets: readonly string[] } {
  if (services.length === 0) return { configMaps: [], secrets: [] };
  const managedKafka = placement.dataMode === 'managed' && services.includes('kafka');
  return { configMaps: [DATA_ENDPOINTS_CONFIG_MAP], secrets: managedKafka ? [KAFKA_CREDENTIALS_SECRET] : [] };
}

/** How KEDA's Kafka scaler authenticates on this cluster: KEDA's `sasl` and `tls` values, none in dev. */
export function kafkaScalerSecurity(
  placement: DataPlacement,
): { readonly sasl: 'scram_sha512' | 'plaintext'; readonly tls: 'enable' } | undefined {
  if (placement.dataMode === 'in-cluster') return undefined;
  const mechanism = MANAGED_KAFKA_SASL_MECHANISM[placement.cloud];
  return { sasl: mechanism === 'SCRAM-SHA-512' ? 'scram_sha512' : 'plaintext', tls: 'enable' };
}

/**
 * Egress rules that let a workload reach `service`: the data namespace in-cluster, the private ranges when
 * the service is managed by the cloud.
 */
export function dataServiceEgress(
  service: DataService,
  placement: DataPlacement,
  dataNamespace: string,
): NetworkRule[] {
  const ports = [{ port: dataServicePort(service, placement) }];
  if (placement.dataMode === 'in-cluster') {
    return [{ peer: { namespace: dataNamespace }, ports }];
  }
  return PRIVATE_RANGES.map((cidr) => ({ peer: { cidr }, ports }));
}

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

/** Managed products per cloud, with the client settings each one requires (ports: MANAGED_DATA_SERVICE_PORTS). */
const MANAGED_PRODUCTS: Readonly<Record<Cloud, Readonly<Record<DataService, string>>>> = {
  aws: {
    kafka: 'Amazon MSK',
    postgres: 'Amazon RDS for PostgreSQL',
    redis: 'Amazon ElastiCache for Redis',
  },
  gcp: {
    kafka: 'Google Cloud Managed Service for Apache Kafka',
    postgres: 'Cloud SQL for PostgreSQL',
    redis: 'Memorystore for Redis',
  },
  azure: {
    // Event Hubs' Kafka endpoint: SASL PLAIN with the connection string as password.
    kafka: 'Azure Event Hubs (Kafka endpoint)',
    postgres: 'Azure Database for PostgreSQL flexible server',
    redis: 'Azure Cache for Redis',
  },
};

/** Where Kafka, Postgres and Redis are for one cluster, and what runs them. */
export function dataServiceEndpoints(placement: DataPlacement, dataNamespace: string): DataServiceEndpoints {
  if (placement.dataMode === 'in-cluster') {
    return {
      mode: placement.dataMode,
      kafka: {
        host: inClusterHost('kafka', dataNamespace),
        port: DATA_SERVICE_PORTS.kafka,
        tls: false,
        provider: 'Strimzi',
        securityProtocol: 'PLAINTEXT',
      },
      postgres: {
        host: inClusterHost('postgres', dataNamespace),
        port: DATA_SERVICE_PORTS.postgres,
        tls: true,
        provider: 'CloudNativePG',
      },
      redis: {
        host: inClusterHost('redis', dataNamespace),
        port: DATA_SERVICE_PORTS.redis,
        tls: false,
        provider: 'OT redis-operator',
      },
    };
  }
  const ports = MANAGED_DATA_SERVICE_PORTS[placement.cloud];
  const products = MANAGED_PRODUCTS[placement.cloud];
  return {
    mode: placement.dataMode,
    kafka: {
      port: ports.kafka,
      provider: products.kafka,
      saslMechanism: MANAGED_KAFKA_SASL_MECHANISM[placement.cloud],
      securityProtocol: 'SASL_SSL',
      tls: true,
    },
    postgres: { port: ports.postgres, provider: products.postgres, tls: true },
    redis: { port: ports.redis, provider: products.redis, tls: true },
  };
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
