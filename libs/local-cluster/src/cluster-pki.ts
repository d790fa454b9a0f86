// Self-generated PKI for one throwaway control plane: a CA, the API server's serving certificate for
// loopback, one client certificate per identity, and the service-account signing key pair. ECDSA P-256
// keeps generation fast; certificates live one day because a cluster lives minutes.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ClientIdentity {
  /** Kubernetes user name (certificate CN). */
  readonly user: string;
  /** Kubernetes groups (certificate O fields). */
  readonly groups: readonly string[];
}

export interface IssuedCertificate {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface ClusterPki {
  readonly caFile: string;
  readonly serving: IssuedCertificate;
  readonly clients: Readonly<Record<string, IssuedCertificate>>;
  readonly serviceAccountPublicKeyFile: string;
  readonly serviceAccountPrivateKeyFile: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `openssl ${args[0]} failed while creating the local cluster PKI in ${cwd}: ${stderr ?? String(err)}`,
    );
  }
}

function subject(identity: ClientIdentity): string {
  return [...identity.groups.map((g) => `/O=${g}`), `/CN=${identity.user}`].join('');
}

function issue(dir: string, name: string, subj: string, extensions: string): IssuedCertificate {
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.crt`);
  const extFile = join(dir, `${name}.ext`);
  writeFileSync(extFile, extensions);
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyFile], dir);
  openssl(['req', '-new', '-key', keyFile, '-subj', subj, '-out', join(dir, `${name}.csr`)], dir);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-sha256',
      '-extfile',
      extFile,
      '-out',
      certFile,
    ],
    dir,
  );
  return { certFile, keyFile };
}

/** Writes the PKI into dir (which must exist) and returns the file paths. */
export function createClusterPki(dir: string, identities: Readonly<Record<string, ClientIdentity>>): ClusterPki {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'ca.key',
      '-subj',
      '/CN=go-coffee-local-ca',
      '-days',
      '1',
      '-sha256',
      '-out',
      'ca.crt',
    ],
    dir,
  );
  const serving = issue(
    dir,
    'kube-apiserver',
    '/CN=kube-apiserver',
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n',
  );
  const clients: Record<string, IssuedCertificate> = {};
  for (const [name, identity] of Object.entries(identities)) {
    clients[name] = issue(
      dir,
      `client-${name}`,
      subject(identity),
      'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n',
    );
  }
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serviceAccountPublicKeyFile = join(dir, 'service-account.pub');
  const serviceAccountPrivateKeyFile = join(dir, 'service-account.key');
  writeFileSync(serviceAccountPublicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(serviceAccountPrivateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return { caFile: join(dir, 'ca.crt'), serving, clients, serviceAccountPublicKeyFile, serviceAccountPrivateKeyFile };
}

/** PEM contents base64-encoded, the way kubeconfig `*-data` fields carry them. */
export function pemAsBase64(file: string): string {
  return readFileSync(file).toString('base64');
}
