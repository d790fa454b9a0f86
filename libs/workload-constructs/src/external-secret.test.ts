import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { ExternalSecret } from './external-secret';

function synth(build: (chart: Chart) => void): unknown[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'go-coffee' });
  build(chart);
  return Testing.synth(chart);
}

describe('ExternalSecret', () => {
  it('renders only references to the store, sorted by key, and an operator-owned target Secret', () => {
    let secretName = '';
    const manifests = synth((chart) => {
      secretName = new ExternalSecret(chart, 'es', {
        name: 'user-gateway',
        secretStoreName: 'go-coffee-secrets',
        data: [
          { secretKey: 'JWT_SECRET', remoteKey: 'go-coffee/dev/user-gateway', property: 'jwt-secret' },
          { secretKey: 'DATABASE_URL', remoteKey: 'go-coffee/dev/postgres' },
        ],
      }).secretName;
    });
    expect(secretName).toBe('user-gateway');
    expect(manifests).toStrictEqual([
      {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: 'user-gateway', namespace: 'go-coffee' },
        spec: {
          data: [
            { remoteRef: { key: 'go-coffee/dev/postgres' }, secretKey: 'DATABASE_URL' },
            { remoteRef: { key: 'go-coffee/dev/user-gateway', property: 'jwt-secret' }, secretKey: 'JWT_SECRET' },
          ],
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: 'go-coffee-secrets' },
          target: { creationPolicy: 'Owner', name: 'user-gateway' },
        },
      },
    ]);
  });

  it('targets a differently named Secret through a namespaced SecretStore when asked', () => {
    const [secret] = synth((chart) => {
      new ExternalSecret(chart, 'es', {
        name: 'alertmanager-slack',
        namespace: 'monitoring',
        secretStoreName: 'local',
        secretStoreKind: 'SecretStore',
        targetSecretName: 'alertmanager-receivers',
        refreshInterval: '15m',
        labels: { 'go-coffee.io/owner': 'sre' },
        data: [{ secretKey: 'slack-url', remoteKey: 'slack' }],
      });
    }) as [{ metadata: unknown; spec: Record<string, unknown> }];
    expect(secret.metadata).toStrictEqual({
      name: 'alertmanager-slack',
      namespace: 'monitoring',
      labels: { 'go-coffee.io/owner': 'sre' },
    });
    expect(secret.spec.secretStoreRef).toStrictEqual({ kind: 'SecretStore', name: 'local' });
    expect(secret.spec.target).toStrictEqual({ creationPolicy: 'Owner', name: 'alertmanager-receivers' });
    expect(secret.spec.refreshInterval).toBe('15m');
  });

  it.each([
    [{ data: [] }, /data is empty/],
    [{ data: [{ secretKey: 'A KEY', remoteKey: 'k' }] }, /secretKey "A KEY" may only contain/],
    [
      {
        data: [
          { secretKey: 'A', remoteKey: 'k' },
          { secretKey: 'A', remoteKey: 'j' },
        ],
      },
      /secretKey "A" is listed twice/,
    ],
    [{ data: [{ secretKey: 'A', remoteKey: ' ' }] }, /secretKey "A" has an empty remoteKey/],
    [{ refreshInterval: 'hourly' }, /refreshInterval "hourly" is not a duration/],
    [{ secretStoreName: 'Bad Store' }, /secretStoreName "Bad Store" is not a valid Kubernetes name/],
  ])('rejects %j with an actionable message', (override, message) => {
    expect(() =>
      synth((chart) => {
        new ExternalSecret(chart, 'es', {
          name: 'x',
          secretStoreName: 'store',
          data: [{ secretKey: 'A', remoteKey: 'k' }],
          ...override,
        });
      }),
    ).toThrow(message);
  });
});
