// Test fixture: starts a local cluster under the state root given as argv[2], prints its run directory
// as one JSON line, then waits to be killed (the test kills it with SIGKILL, like a crashed test run).
import { startLocalCluster } from '../local-cluster';

const cluster = await startLocalCluster({ stateRoot: process.argv[2]! });
process.stdout.write(`${JSON.stringify({ runDir: cluster.runDir })}\n`);
setInterval(() => undefined, 60_000);
