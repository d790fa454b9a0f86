// Test-support for fleet-scale benches and tests: a synthetic fleet declared the way a user declares one
// (environments' `fleet:` — every environment × clouds × regions × tenants) and expanded by the same loader
// (expandFleetToClusters), so every cluster renders the real areas against its real environment's settings.
import { expandFleetToClusters, type ClusterContext, type FleetDeclaration } from '@go-coffee/environments';

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const CLOUDS = ['aws', 'gcp', 'azure'] as const;
/** Clusters per tenant: every environment × cloud × the clouds' default regions (3 each). */
const CLUSTERS_PER_TENANT = ENVIRONMENTS.length * CLOUDS.length * 3;

/** The fleet declaration giving at least `size` clusters per the whole set of environments: tenants t01…tNN. */
export function syntheticFleetDeclaration(size: number): FleetDeclaration {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`syntheticFleet: size must be a positive integer, got ${size}`);
  const tenants = Math.ceil(size / CLUSTERS_PER_TENANT);
  return {
    clouds: [...CLOUDS],
    tenants: Array.from({ length: tenants }, (_, i) => `t${String(i + 1).padStart(2, '0')}`),
  } as FleetDeclaration;
}

/**
 * Every environment declared as `syntheticFleetDeclaration(size)`, all clouds enabled, expanded: at least
 * `size` clusters.
 */
export function syntheticFleet(workspaceRoot: string, size: number): ClusterContext[] {
  const fleet = syntheticFleetDeclaration(size);
  // Every cloud enabled (as --enable-azure would): the fleet renders each cloud's constructs.
  const clouds = Object.fromEntries(CLOUDS.map((cloud) => [cloud, true]));
  return ENVIRONMENTS.flatMap((environment) => [
    ...expandFleetToClusters(environment, fleet, { workspaceRoot, clouds }),
  ]);
}
