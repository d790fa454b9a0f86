import { describe, expect, it } from 'vitest';
import { CLOUDS } from '@go-coffee/environments';
import { NODE_CLOUD } from './cloud-distribution';

/**
 * Applies the expression's label_replace calls, innermost first, to one series' labels with Prometheus'
 * semantics: the regex is anchored, `$1` expands to its first group, no match leaves the labels unchanged.
 */
function applyLabelReplaces(expr: string, labels: Record<string, string>): Record<string, string> {
  const result = { ...labels };
  for (const [, target, replacement, source, regex] of expr.matchAll(
    /,\s*"([^"]*)",\s*"([^"]*)",\s*"([^"]*)",\s*"([^"]*)"\s*\)/g,
  )) {
    const match = new RegExp(`^(?:${regex})$`).exec(result[source!] ?? '');
    if (match !== null)
      result[target!] = replacement!.replace(/\$(\d)/g, (_, group: string) => match[Number(group)] ?? '');
  }
  return result;
}

describe('cloud distribution dashboard', () => {
  it('labels nodes with the same cloud names as the clusters (aws, gcp, azure), not the provider-id scheme', () => {
    const providerIds = [
      'aws:///us-east-1a/i-0123456789abcdef0',
      'gce://go-coffee-platform/us-central1-a/gke-prod-pool-1-abcd',
      'azure:///subscriptions/3b9d/resourceGroups/mc_rg/providers/Microsoft.Compute/virtualMachineScaleSets/aks/virtualMachines/0',
    ];
    const clouds = providerIds.map((id) => applyLabelReplaces(NODE_CLOUD, { provider_id: id }).cloud);
    expect(clouds).toStrictEqual([...CLOUDS]);
  });

  it('would have shown GKE nodes as "gce" with the old single label_replace', () => {
    const old = 'label_replace(kube_node_info, "cloud", "$1", "provider_id", "([a-z]+):.*")';
    expect(applyLabelReplaces(old, { provider_id: 'gce://p/z/n' }).cloud).toBe('gce');
  });
});
