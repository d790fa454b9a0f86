// Process entry of pr-report (`npm run pr-report`).
import { runCli } from './pr-report-cli';

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
