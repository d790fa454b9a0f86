// Process entry of the CI commands (bin/ci.mjs: `npm run ci:pr`, `ci:workspace`, `ci:policy-gate`,
// `ci:pr-comment`, `ci:drift-matrix`, `ci:drift`); see ci-cli.ts. Prerequisites: npm ci and npm run toolchain.
// A crash is "a step gave no verdict" (exit 3), never a verdict.
import { launchMain } from '@go-coffee/cli';
import { runCi } from './ci-cli';

await launchMain(runCi, { tool: 'ci', unexpectedExitCode: 3 });
