// A fleet declared compactly (clouds × regions × tenants, overrides by cluster name) expanded into the same
// cluster entries a hand-written `clusters` list holds, each remembering where in the file it came from so the
// loader's errors still name file:line:col (the region's line, or the override's when one applies).
import type { EnvironmentName } from './cluster-context';
import type { ConfigIssue } from './environment-config-error';
import type { ClusterEntry, DefaultsFile, FleetDeclaration } from './environment-schema';

/** One cluster entry and where it was declared. */
export interface PlacedClusterEntry {
  readonly entry: ClusterEntry;
  /** Field named in errors, e.g. `clusters[1]` or `fleet[prod-aws-us-east-1-acme]`. */
  readonly field: string;
  /** YAML path of the node an error about the whole cluster points at. */
  readonly path: readonly PropertyKey[];
  /** YAML path of the node an error about its region points at. */
  readonly regionPath: readonly PropertyKey[];
}

/** Name of a spoke's root Application in the hub's Argo CD (one namespace holds every spoke's root). */
export function spokeRootApplication(cluster: string): string {
  return `root-${cluster}`;
}

/**
 * Every cluster the fleet declares, clouds in the declared order, then regions, then tenants. An override
 * that names no generated cluster is reported (a typo would otherwise silently change nothing).
 */
export function expandFleet(
  environment: EnvironmentName,
  fleet: FleetDeclaration,
  settings: DefaultsFile,
  issues: ConfigIssue[],
  at: (path: readonly PropertyKey[]) => string,
): PlacedClusterEntry[] {
  const placed: PlacedClusterEntry[] = [];
  const generated = new Set<string>();
  fleet.clouds.forEach((cloud, cloudIndex) => {
    const declaredRegions = fleet.regions?.[cloud];
    const regions = declaredRegions ?? settings.clouds[cloud].regions;
    regions.forEach((region, regionIndex) => {
      const regionPath = declaredRegions ? ['fleet', 'regions', cloud, regionIndex] : ['fleet', 'clouds', cloudIndex];
      for (const tenant of fleet.tenants ?? [undefined]) {
        const name = [environment, cloud, region, tenant].filter(Boolean).join('-');
        generated.add(name);
        const override = fleet.overrides?.[name];
        placed.push({
          entry: { cloud, region, ...(tenant ? { tenant } : {}), ...override },
          field: `fleet[${name}]`,
          path: override ? ['fleet', 'overrides', name] : regionPath,
          regionPath,
        });
      }
    });
  });
  for (const name of Object.keys(fleet.overrides ?? {})) {
    if (generated.has(name)) continue;
    issues.push({
      source: at(['fleet', 'overrides', name]),
      field: `fleet.overrides.${name}`,
      problem: `override for "${name}", which the fleet does not generate`,
      fix: `use one of the generated names (${[...generated].slice(0, 5).join(', ')}${generated.size > 5 ? ', …' : ''}) or remove the override`,
    });
  }
  return placed;
}
