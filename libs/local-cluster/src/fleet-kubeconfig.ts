// One kubeconfig for several local clusters, each under a context named after the cluster it stands for, as
// a fleet's kubeconfig names contexts after clusters (what `gitops-sync drift --all` expects).
import { readFileSync, writeFileSync } from 'node:fs';
import { dump, load } from 'js-yaml';

interface KubeconfigDocument {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
}

export interface FleetMember {
  /** Context (and cluster and user entry) name in the combined file, e.g. `prod-aws-us-east-1`. */
  readonly context: string;
  /** Single-context kubeconfig of one local cluster, e.g. `LocalCluster.readOnlyKubeconfig`. */
  readonly kubeconfig: string;
}

/** Writes `path` with one context per member (mode 0600: it embeds client keys). */
export function writeFleetKubeconfig(path: string, members: readonly FleetMember[]): void {
  const combined: KubeconfigDocument = { clusters: [], users: [], contexts: [] };
  for (const member of members) {
    const doc = load(readFileSync(member.kubeconfig, 'utf8')) as KubeconfigDocument;
    const cluster = doc.clusters[0];
    const user = doc.users[0];
    if (cluster === undefined || user === undefined)
      throw new Error(
        `${member.kubeconfig} has no cluster or user entry; pass a kubeconfig written by startLocalCluster`,
      );
    combined.clusters.push({ name: member.context, cluster: cluster.cluster });
    combined.users.push({ name: member.context, user: user.user });
    combined.contexts.push({ name: member.context, context: { cluster: member.context, user: member.context } });
  }
  const config = { apiVersion: 'v1', kind: 'Config', ...combined, 'current-context': members[0]?.context ?? '' };
  writeFileSync(path, dump(config, { lineWidth: -1 }), { mode: 0o600 });
}
