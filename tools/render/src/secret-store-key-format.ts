// Whether each ExternalSecret's remote keys are names its cluster's secret manager can hold. The providers'
// own naming rules, stated here independently of how the areas build keys: AWS Secrets Manager names may
// contain `/` (paths); GCP Secret Manager secret ids are letters, digits, `-` and `_` (1–255); Azure Key Vault
// secret names are letters, digits and `-` (1–127). A key outside its provider's rule never resolves, and the
// workload waits for a Secret that will never exist.
import { describeObject } from '@go-coffee/kube-objects';
import type { ClusterObject } from './committed-tree';

/** ClusterSecretStore `spec.provider` key → the secret names that provider accepts. */
export const SECRET_NAME_RULES: Readonly<Record<string, { readonly pattern: RegExp; readonly rule: string }>> = {
  aws: { pattern: /^[A-Za-z0-9/_+=.@-]{1,512}$/, rule: 'AWS Secrets Manager: letters, digits and /_+=.@- (1–512)' },
  gcpsm: { pattern: /^[A-Za-z0-9_-]{1,255}$/, rule: 'GCP Secret Manager: letters, digits, - and _ (1–255)' },
  azurekv: { pattern: /^[0-9A-Za-z-]{1,127}$/, rule: 'Azure Key Vault: letters, digits and - (1–127)' },
};

interface ExternalSecretSpec {
  secretStoreRef?: { kind?: string; name?: string };
  data?: { remoteRef?: { key?: string } }[];
}

/** One message per remote key its store's provider cannot name, and per ExternalSecret whose store is missing. */
export function secretStoreKeyViolations(objects: readonly ClusterObject[]): string[] {
  const providers = new Map<string, string>();
  for (const { cluster, manifest } of objects) {
    if (manifest.kind !== 'ClusterSecretStore') continue;
    const provider = Object.keys((manifest.spec as { provider?: object } | undefined)?.provider ?? {})[0];
    if (provider !== undefined) providers.set(`${cluster}/${manifest.metadata.name}`, provider);
  }
  const violations: string[] = [];
  for (const { cluster, manifest } of objects) {
    if (manifest.kind !== 'ExternalSecret') continue;
    const spec = manifest.spec as ExternalSecretSpec;
    const where = `${cluster}: ${describeObject(manifest)}`;
    const provider = providers.get(`${cluster}/${spec.secretStoreRef?.name ?? ''}`);
    if (spec.secretStoreRef?.kind !== 'ClusterSecretStore' || provider === undefined) {
      violations.push(`${where}: store ${spec.secretStoreRef?.kind} "${spec.secretStoreRef?.name}" is not rendered`);
      continue;
    }
    const naming = SECRET_NAME_RULES[provider];
    if (naming === undefined) {
      violations.push(`${where}: provider "${provider}" has no naming rule; add it to SECRET_NAME_RULES`);
      continue;
    }
    for (const entry of spec.data ?? []) {
      const key = entry.remoteRef?.key ?? '';
      if (!naming.pattern.test(key)) {
        violations.push(
          `${where}: remote key "${key}" is not a valid name (${naming.rule}); build it with secretManagerKey`,
        );
      }
    }
  }
  return violations.sort();
}
