// Where workloads find the platform's data services, shared by every area so producers, consumers, KEDA
// and the data area agree on one address per service. In dev the operators run Kafka, Postgres and Redis in
// the data namespace; in staging and prod the data area points the same in-cluster names at the managed
// services, so workloads never change between modes, only their egress does.
import type { Cloud, ClusterContext } from '@go-coffee/environments';
import type { NetworkRule } from './workload-network-policy';

/** ClusterSecretStore (rendered by the platform) that reads the cloud's secret manager. */
export const CLOUD_SECRET_STORE = 'cloud-secret-store';

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

/** Kafka bootstrap address: Strimzi's bootstrap Service in the data namespace (an ExternalName when managed). */
export function kafkaBootstrapServers(placement: DataPlacement, dataNamespace: string): string {
  return `${KAFKA_CLUSTER_NAME}-kafka-bootstrap.${dataNamespace}.svc.cluster.local:${dataServicePort('kafka', placement)}`;
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
