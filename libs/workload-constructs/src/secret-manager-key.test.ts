import { describe, expect, it } from 'vitest';
import { secretManagerKey } from './secret-manager-key';

describe('secretManagerKey', () => {
  it('keeps the path on AWS, joins with "_" on GCP and with "--" on Azure', () => {
    expect(secretManagerKey({ cloud: 'aws', environment: 'prod' }, 'data', 'kafka')).toBe('go-coffee/prod/data/kafka');
    expect(secretManagerKey({ cloud: 'gcp', environment: 'prod' }, 'data', 'kafka')).toBe('go-coffee_prod_data_kafka');
    expect(secretManagerKey({ cloud: 'azure', environment: 'prod' }, 'web3-payment-service')).toBe(
      'go-coffee--prod--web3-payment-service',
    );
  });

  it('produces only characters GCP Secret Manager and Azure Key Vault accept', () => {
    expect(secretManagerKey({ cloud: 'gcp', environment: 'staging' }, 'monitoring', 'grafana-admin')).toMatch(
      /^[A-Za-z0-9_-]{1,255}$/,
    );
    expect(secretManagerKey({ cloud: 'azure', environment: 'staging' }, 'monitoring', 'grafana-admin')).toMatch(
      /^[0-9a-zA-Z-]{1,127}$/,
    );
  });

  it('rejects a segment that could blur the separators', () => {
    expect(() => secretManagerKey({ cloud: 'azure', environment: 'dev' }, 'a--b')).toThrow(
      'secret manager key "go-coffee/dev/a--b": segment "a--b" must be lowercase letters and digits joined by single \'-\'',
    );
    expect(() => secretManagerKey({ cloud: 'gcp', environment: 'dev' }, 'a_b')).toThrow(/segment "a_b"/);
    expect(() => secretManagerKey({ cloud: 'aws', environment: 'dev' }, 'a/b')).toThrow(/segment "a\/b"/);
  });

  it('rejects a key longer than the cloud allows', () => {
    expect(() => secretManagerKey({ cloud: 'azure', environment: 'dev' }, 'x'.repeat(120))).toThrow(
      /is 136 characters; azure allows 127/,
    );
  });
});
