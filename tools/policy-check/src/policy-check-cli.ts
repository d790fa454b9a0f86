// Command line of policy-check: conftest-compatible flags over the WASM-compiled policies.
// Prerequisite: the bundle from `npx nx run policies:build`. Exit codes: see README.md and EXIT.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { workspaceRoot } from '@go-coffee/toolchain';
import { EXIT, PolicyCheckError } from './policy-check-error';
import { runPolicyCheck } from './policy-check';
import { formatReport, OUTPUT_FORMATS, type OutputFormat } from './report-formats';

const USAGE = `Usage: policy-check [flags] <path> [path...]

Checks Kubernetes/Argo CD YAML against the policies compiled to WASM (conftest semantics).

Flags:
  -o, --output <format>    ${OUTPUT_FORMATS.join(' | ')} (default stdout)
  -n, --namespace <glob>   policy namespace(s) to test, repeatable, globs as conftest (default main)
      --all-namespaces     test every namespace of the bundle
      --fail-on-warn       exit 1 on warnings and 2 on failures
  -b, --bundle <file>      policy bundle (default dist/policies/bundle.tar.gz in the workspace)
  -h, --help

Exit codes: 0 pass · 1 failures (with --fail-on-warn: 1 warnings, 2 failures) · 3 no policies ·
4 no input files · 5 malformed YAML · 6 missing/corrupt WASM bundle · 7 builtin missing in the WASM SDK ·
8 duplicate object identity · 9 policy evaluation error · 10 usage error
`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now?: () => number;
}

export function runCli(argv: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o', default: 'stdout' },
        namespace: { type: 'string', short: 'n', multiple: true },
        'all-namespaces': { type: 'boolean', default: false },
        'fail-on-warn': { type: 'boolean', default: false },
        bundle: { type: 'string', short: 'b' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`policy-check: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const output = values.output as OutputFormat;
  if (!OUTPUT_FORMATS.includes(output)) {
    io.stderr(`policy-check: unknown --output ${values.output}; use one of ${OUTPUT_FORMATS.join(', ')}\n`);
    return EXIT.usage;
  }
  try {
    const report = runPolicyCheck({
      paths: positionals,
      bundlePath: values.bundle ?? resolve(workspaceRoot(), 'dist', 'policies', 'bundle.tar.gz'),
      namespaces: values.namespace ?? ['main'],
      allNamespaces: values['all-namespaces'],
      failOnWarn: values['fail-on-warn'],
      now: io.now,
    });
    io.stdout(formatReport(output, report.results, report.totals, report.exitCode));
    return report.exitCode;
  } catch (error) {
    if (error instanceof PolicyCheckError) {
      io.stderr(`policy-check: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
