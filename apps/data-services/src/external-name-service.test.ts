import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import type { ExternalNameServiceProps } from './external-name-service';
import { ExternalNameService } from './external-name-service';

const props: ExternalNameServiceProps = {
  name: 'go-coffee-postgres-rw',
  namespace: 'go-coffee-data',
  externalName: 'postgres.prod-aws-us-east-1.data.go-coffee.internal',
  port: 5432,
};

function synth(overrides: Partial<ExternalNameServiceProps> = {}) {
  const chart = new Chart(Testing.app(), 'test');
  new ExternalNameService(chart, 'svc', { ...props, ...overrides });
  return Testing.synth(chart)[0];
}

describe('ExternalNameService', () => {
  it('renders an ExternalName Service resolving to the managed hostname', () => {
    expect(synth()).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'go-coffee-postgres-rw', namespace: 'go-coffee-data' },
      spec: {
        externalName: 'postgres.prod-aws-us-east-1.data.go-coffee.internal',
        ports: [{ name: 'client', port: 5432, protocol: 'TCP', targetPort: 5432 }],
        type: 'ExternalName',
      },
    });
  });

  it('rejects an IP address, which ExternalName cannot carry', () => {
    expect(() => synth({ externalName: '10.0.0.12' })).toThrow(/must be a lowercase DNS hostname/);
  });

  it('rejects a port out of range', () => {
    expect(() => synth({ port: 70000 })).toThrow(/port 70000 must be an integer from 1 to 65535/);
  });
});
