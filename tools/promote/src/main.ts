// Process entry of promote (bin/promote.mjs, `npm run promote`).
import { launchMain } from '@go-coffee/cli';
import { runCli } from './promote-cli';

await launchMain(runCli, { tool: 'promote', unexpectedExitCode: 3 });
