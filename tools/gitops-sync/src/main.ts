// Process entry of gitops-sync (bin/gitops-sync.mjs, `npm run gitops-sync`); runCli maps every failure
// to exit 2 itself.
import { launchMain } from '@go-coffee/cli';
import { EXIT_ERROR, runCli } from './gitops-sync-cli';

await launchMain(runCli, { tool: 'gitops-sync', unexpectedExitCode: EXIT_ERROR });
