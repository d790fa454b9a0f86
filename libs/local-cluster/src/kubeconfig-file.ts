// Kubeconfig files with the credentials embedded, so a test can hand a single path to kubectl, to the
// drift tool or to any client library.
import { writeFileSync } from 'node:fs';
import { dump } from 'js-yaml';
import { pemAsBase64, type IssuedCertificate } from './cluster-pki';

export interface KubeconfigFileProps {
  readonly path: string;
  readonly server: string;
  readonly caFile: string;
  readonly client: IssuedCertificate;
  /** Context, cluster and user entry name. */
  readonly contextName: string;
  readonly clusterName: string;
}

export function writeKubeconfigFile(props: KubeconfigFileProps): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: props.clusterName,
        cluster: { server: props.server, 'certificate-authority-data': pemAsBase64(props.caFile) },
      },
    ],
    users: [
      {
        name: props.contextName,
        user: {
          'client-certificate-data': pemAsBase64(props.client.certFile),
          'client-key-data': pemAsBase64(props.client.keyFile),
        },
      },
    ],
    contexts: [{ name: props.contextName, context: { cluster: props.clusterName, user: props.contextName } }],
    'current-context': props.contextName,
  };
  writeFileSync(props.path, dump(config, { lineWidth: -1 }), { mode: 0o600 });
}
