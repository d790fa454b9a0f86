import { describe, expect, it } from 'vitest';
import {
  dataServiceEgress,
  dataServiceEndpoints,
  dataServiceEnvironmentSources,
  endpointEnvironment,
  kafkaBootstrapServers,
  kafkaScalerSecurity,
} from './data-service-endpoints';

describe('data service endpoints', () => {
  it('addresses Kafka through the Strimzi bootstrap Service of the data namespace', () => {
    expect(kafkaBootstrapServers({ dataMode: 'in-cluster', cloud: 'aws' }, 'go-coffee-data')).toBe(
      'go-coffee-kafka-kafka-bootstrap.go-coffee-data.svc.cluster.local:9092',
    );
  });

  it('refuses an in-cluster alias for managed Kafka, whose TLS certificate names the provider brokers', () => {
    expect(() => kafkaBootstrapServers({ dataMode: 'managed', cloud: 'aws' }, 'go-coffee-data')).toThrow(
      'managed Kafka (aws) has no in-cluster bootstrap address; read KAFKA_BOOTSTRAP_SERVERS from the kafka-credentials Secret',
    );
  });

  it('gives Kafka clients the endpoints ConfigMap, plus the credentials Secret when Kafka is managed', () => {
    expect(dataServiceEnvironmentSources({ dataMode: 'in-cluster', cloud: 'aws' }, ['kafka'])).toStrictEqual({
      configMaps: ['data-service-endpoints'],
      secrets: [],
    });
    expect(dataServiceEnvironmentSources({ dataMode: 'managed', cloud: 'gcp' }, ['postgres', 'kafka'])).toStrictEqual({
      configMaps: ['data-service-endpoints'],
      secrets: ['kafka-credentials'],
    });
    expect(dataServiceEnvironmentSources({ dataMode: 'managed', cloud: 'gcp' }, ['redis'])).toStrictEqual({
      configMaps: ['data-service-endpoints'],
      secrets: [],
    });
    expect(dataServiceEnvironmentSources({ dataMode: 'managed', cloud: 'gcp' }, [])).toStrictEqual({
      configMaps: [],
      secrets: [],
    });
  });

  it("tells KEDA each managed Kafka's SASL mechanism over TLS, and nothing in dev", () => {
    expect(kafkaScalerSecurity({ dataMode: 'in-cluster', cloud: 'aws' })).toBeUndefined();
    expect(kafkaScalerSecurity({ dataMode: 'managed', cloud: 'aws' })).toStrictEqual({
      sasl: 'scram_sha512',
      tls: 'enable',
    });
    expect(kafkaScalerSecurity({ dataMode: 'managed', cloud: 'gcp' })).toStrictEqual({
      sasl: 'plaintext',
      tls: 'enable',
    });
    expect(kafkaScalerSecurity({ dataMode: 'managed', cloud: 'azure' })).toStrictEqual({
      sasl: 'plaintext',
      tls: 'enable',
    });
  });

  it('allows the data namespace on the service port when data runs in-cluster', () => {
    expect(dataServiceEgress('postgres', { dataMode: 'in-cluster', cloud: 'gcp' }, 'go-coffee-data')).toStrictEqual([
      { peer: { namespace: 'go-coffee-data' }, ports: [{ port: 5432 }] },
    ]);
  });

  it('allows only private address ranges on the service port when the cloud manages the service', () => {
    expect(dataServiceEgress('redis', { dataMode: 'managed', cloud: 'aws' }, 'go-coffee-data')).toStrictEqual([
      { peer: { cidr: '10.0.0.0/8' }, ports: [{ port: 6379 }] },
      { peer: { cidr: '172.16.0.0/12' }, ports: [{ port: 6379 }] },
      { peer: { cidr: '192.168.0.0/16' }, ports: [{ port: 6379 }] },
    ]);
  });

  it("gives clients the operators' in-cluster Services in dev, without TLS except CloudNativePG's", () => {
    expect(endpointEnvironment(dataServiceEndpoints({ dataMode: 'in-cluster', cloud: 'aws' }, 'data'))).toStrictEqual({
      DATA_SERVICES_MODE: 'in-cluster',
      KAFKA_BOOTSTRAP_SERVERS: 'go-coffee-kafka-kafka-bootstrap.data.svc.cluster.local:9092',
      KAFKA_PROVIDER: 'Strimzi',
      KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT',
      POSTGRES_PROVIDER: 'CloudNativePG',
      POSTGRES_SSLMODE: 'require',
      REDIS_PROVIDER: 'OT redis-operator',
      REDIS_TLS: 'false',
    });
  });

  it("names the cloud's managed products with TLS and SASL, and no host (it comes from the secret manager)", () => {
    const endpoints = dataServiceEndpoints({ dataMode: 'managed', cloud: 'gcp' }, 'data');
    expect(endpoints.redis).toStrictEqual({ port: 6378, provider: 'Memorystore for Redis', tls: true });
    expect(endpointEnvironment(endpoints)).toStrictEqual({
      DATA_SERVICES_MODE: 'managed',
      KAFKA_PROVIDER: 'Google Cloud Managed Service for Apache Kafka',
      KAFKA_SASL_MECHANISM: 'PLAIN',
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      POSTGRES_PROVIDER: 'Cloud SQL for PostgreSQL',
      POSTGRES_SSLMODE: 'require',
      REDIS_PROVIDER: 'Memorystore for Redis',
      REDIS_TLS: 'true',
    });
  });
});
