// Process entry of the render apps' Nx `policy` target (see area-policy-check.ts).
import { launchMain } from '@go-coffee/cli';
import { runAreaPolicyCheck } from './area-policy-check';

await launchMain(runAreaPolicyCheck, { tool: 'policy-check', unexpectedExitCode: 1 });
