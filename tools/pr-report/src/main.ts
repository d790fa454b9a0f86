// Process entry of pr-report (bin/pr-report.mjs, `npm run pr-report`).
import { launchMain } from '@go-coffee/cli';
import { runCli } from './pr-report-cli';

await launchMain(runCli, { tool: 'pr-report', unexpectedExitCode: 3 });
