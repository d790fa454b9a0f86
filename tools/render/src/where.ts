// Entry of `npm run where -- <gitops file>[:line]`; see where-cli.ts for what it prints and its exit codes.
import { runWhere } from './where-cli';

process.exitCode = runWhere(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => console.log(text),
  err: (text) => console.error(text),
});
