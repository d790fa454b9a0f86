import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import setup, { type ProvidedLocalCluster } from './vitest-global-setup';

interface Kubeconfig {
  clusters: { cluster: { 'certificate-authority-data': string } }[];
  users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
}

/** GET `path` on the apiserver with the CA and client certificate of a kubeconfig, as kubectl would. */
function getWithKubeconfig(server: string, kubeconfigPath: string, path: string) {
  const config = load(readFileSync(kubeconfigPath, 'utf8')) as Kubeconfig;
  const pem = (base64: string) => Buffer.from(base64, 'base64');
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      new URL(path, server),
      {
        ca: pem(config.clusters[0]!.cluster['certificate-authority-data']),
        cert: pem(config.users[0]!.user['client-certificate-data']),
        key: pem(config.users[0]!.user['client-key-data']),
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('vitest global setup', () => {
  it('provides a ready cluster to tests and stops it at teardown', async () => {
    let provided: ProvidedLocalCluster | undefined;
    const teardown = await setup({ provide: (_key, value) => (provided = value) });
    expect(provided?.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // Ready means the apiserver answers its readiness endpoint, over TLS from the cluster's own CA, to the
    // client certificate the provided kubeconfig carries.
    const readyz = await getWithKubeconfig(provided!.server, provided!.adminKubeconfig, '/readyz');
    expect(readyz).toStrictEqual({ status: 200, body: 'ok' });
    const readOnly = await getWithKubeconfig(provided!.server, provided!.readOnlyKubeconfig, '/livez');
    expect(readOnly).toStrictEqual({ status: 200, body: 'ok' });
    await teardown();
    expect(existsSync(provided!.adminKubeconfig)).toBe(false);
  });
});
