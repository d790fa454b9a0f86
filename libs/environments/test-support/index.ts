// Test-only entry point @go-coffee/environments/test-support: a complete ClusterContext fixture for unit
// tests and benchmarks of render areas. Kept out of the public entry so production code cannot reach it.
export { testClusterContext, TEST_IMAGE_TAG } from './test-cluster-context';
export type { ClusterContextOverrides } from './test-cluster-context';
