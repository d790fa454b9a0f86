// Process entry of policy-check (bin/policy-check.mjs). An error policy-check did not map to one of its
// documented codes exits 1, as conftest does: never 0, so a gate reading the code fails closed.
import { launchMain } from '@go-coffee/cli';
import { runCli } from './policy-check-cli';

await launchMain(runCli, { tool: 'policy-check', unexpectedExitCode: 1 });
