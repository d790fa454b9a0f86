import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import type { CnpgPostgresClusterProps } from './cnpg-postgres-cluster';
import { CnpgPostgresCluster } from './cnpg-postgres-cluster';

const props: CnpgPostgresClusterProps = {
  name: 'go-coffee-postgres',
  namespace: 'go-coffee-data',
  instances: 1,
  imageName: 'ghcr.io/cloudnative-pg/postgresql:16.6',
  storageGi: 10,
  storageClass: 'standard-rwo',
  database: 'go_coffee',
  owner: 'go_coffee',
  ownerSecretName: 'postgres-owner-credentials',
};

function synth(overrides: Partial<CnpgPostgresClusterProps> = {}) {
  const chart = new Chart(Testing.app(), 'test');
  new CnpgPostgresCluster(chart, 'pg', { ...props, ...overrides });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return Testing.synth(chart)[0] as any;
}

describe('CnpgPostgresCluster', () => {
  it('bootstraps the database with the owner password from the referenced Secret', () => {
    expect(synth().spec.bootstrap).toStrictEqual({
      initdb: { database: 'go_coffee', owner: 'go_coffee', secret: { name: 'postgres-owner-credentials' } },
    });
  });

  it('stores data on the given storage class', () => {
    expect(synth().spec.storage).toStrictEqual({ size: '10Gi', storageClass: 'standard-rwo' });
  });

  it('rejects an image without a version tag', () => {
    expect(() => synth({ imageName: 'ghcr.io/cloudnative-pg/postgresql' })).toThrow(/must be pinned to a version tag/);
  });

  it('rejects a database name PostgreSQL would need quoting for', () => {
    expect(() => synth({ database: 'go-coffee' })).toThrow(
      /database "go-coffee" must be a lowercase PostgreSQL identifier/,
    );
  });

  it('rejects zero instances', () => {
    expect(() => synth({ instances: 0 })).toThrow(/instances 0 must be an integer of at least 1/);
  });
});
