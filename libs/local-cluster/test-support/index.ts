// Test-only entry point @go-coffee/local-cluster/test-support: changes made to a local cluster by hand, for
// drift tests. Kept out of the public entry so production code cannot reach it.
export { patchConfigMapByHand } from './change-by-hand';
