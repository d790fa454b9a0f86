// Test-support for fleet-scale benches and tests: a synthetic fleet of `size` clusters built from the real
// clusters' resolved contexts, each copy renamed (cluster name and gitops folder) so every copy renders the
// real areas against a real environment's configuration.
import type { ClusterContext } from '@go-coffee/environments';

/** `size` contexts cycling through `base`: `<environment>-<cloud>-fleet-<nnn>` in `gitops/<that name>`. */
export function syntheticFleet(base: readonly ClusterContext[], size: number): ClusterContext[] {
  if (base.length === 0)
    throw new Error('syntheticFleet: no base clusters; enable at least one cluster in environments/');
  return Array.from({ length: size }, (_, index) => {
    const model = base[index % base.length]!;
    const name = `${model.environment}-${model.cloud}-fleet-${String(index).padStart(3, '0')}`;
    return { ...model, name, gitops: { ...model.gitops, path: `gitops/${name}` } };
  });
}
