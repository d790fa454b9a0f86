// Process entry of policy-check (bin/policy-check.mjs loads it through tsx).
import { runCli } from './policy-check-cli';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
