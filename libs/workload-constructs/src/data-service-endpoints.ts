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
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

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
  return `${KAFKA_CLUSTER_NAME}-kafka-bootstrap.${dataNamespace}.svc.cluster.local:${DATA_SERVICE_PORTS.kafka}`;
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
