import { describe, expect, it } from 'vitest';
import { SecretTriggerAuthentication } from './secret-trigger-authentication';
import { synthIn } from '../test-support/test-synth';

describe('SecretTriggerAuthentication', () => {
  it('maps each scaler parameter to a key of the Secret, sorted by parameter', () => {
    const objects = synthIn(
      (chart) =>
        new SecretTriggerAuthentication(chart, 'auth', {
          name: 'kafka-credentials',
          secretName: 'kafka-credentials',
          parameters: { username: 'KAFKA_SASL_USERNAME', password: 'KAFKA_SASL_PASSWORD' },
        }),
    );
    expect(objects).toStrictEqual([
      {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'TriggerAuthentication',
        metadata: { name: 'kafka-credentials', namespace: 'go-coffee' },
        spec: {
          secretTargetRef: [
            { key: 'KAFKA_SASL_PASSWORD', name: 'kafka-credentials', parameter: 'password' },
            { key: 'KAFKA_SASL_USERNAME', name: 'kafka-credentials', parameter: 'username' },
          ],
        },
      },
    ]);
  });

  it('rejects an authentication without parameters', () => {
    expect(() =>
      synthIn((chart) => new SecretTriggerAuthentication(chart, 'a', { name: 'a', secretName: 's', parameters: {} })),
    ).toThrow('TriggerAuthentication "a": no parameters; map at least one scaler parameter to a key of "s"');
  });
});
