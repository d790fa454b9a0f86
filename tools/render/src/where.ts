// Entry of `npm run where -- <gitops file>[:line]`; see where-cli.ts for what it prints and its exit codes.
import { launchMain } from '@go-coffee/cli';
import { runWhere } from './where-cli';

await launchMain((argv, io) => runWhere(argv, io), { tool: 'where', unexpectedExitCode: 2 });
