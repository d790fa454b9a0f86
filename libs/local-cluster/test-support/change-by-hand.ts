// Drift as people cause it: a change made with kubectl behind the GitOps controller's back, for tests that must
// then see the cluster reported as drifted.
import type { LocalCluster } from '../src/local-cluster';

/** Merges `data` into the ConfigMap as `kubectl patch` by a person would; throws with kubectl's error if refused. */
export async function patchConfigMapByHand(
  cluster: LocalCluster,
  namespace: string,
  name: string,
  data: Record<string, string>,
): Promise<void> {
  const args = ['patch', 'configmap', name, '-n', namespace, '--type=merge', '-p', JSON.stringify({ data })];
  const result = await cluster.kubectl(args);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
}
