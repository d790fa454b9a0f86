// Process entry of the render apps' Nx `policy` target (see area-policy-check.ts).
import { runAreaPolicyCheck } from './area-policy-check';

process.exitCode = runAreaPolicyCheck(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
