// Process entry of the CI commands (`npm run ci:pr`, `ci:workspace`, `ci:policy-gate`, `ci:pr-comment`,
// `ci:drift-matrix`, `ci:drift`); see ci-cli.ts. Prerequisites: npm ci and npm run toolchain.
import { runCi } from './ci-cli';

process.exitCode = await runCi(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
