import { describe, expect, it } from 'vitest';
import { dataServiceEgress, kafkaBootstrapServers } from './data-service-endpoints';

describe('data service endpoints', () => {
  it('addresses Kafka through the Strimzi bootstrap Service of the data namespace', () => {
    expect(kafkaBootstrapServers({ dataMode: 'in-cluster', cloud: 'aws' }, 'go-coffee-data')).toBe(
      'go-coffee-kafka-kafka-bootstrap.go-coffee-data.svc.cluster.local:9092',
    );
  });

  it("uses the managed product's port behind the same name when the cloud runs Kafka", () => {
    const ports = (['aws', 'gcp', 'azure'] as const).map((cloud) =>
      kafkaBootstrapServers({ dataMode: 'managed', cloud }, 'go-coffee-data').split(':').pop(),
    );
    expect(ports).toStrictEqual(['9096', '9092', '9093']);
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
});
