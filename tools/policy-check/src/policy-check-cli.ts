// Command line of policy-check: conftest-compatible flags over the WASM-compiled policies.
// Prerequisite: the bundle from `npx nx run policies:build`. Exit codes: see README.md and EXIT.
import { resolve } from 'node:path';
import { parseCommandLine, reportUsageError, type CliIo, type CliOutput } from '@go-coffee/cli';
import { BaselineError, ratchetAgainstBaseline } from '@go-coffee/policy-baseline';
import { SourceMapError, SourceMapIndex } from '@go-coffee/source-map';
import { workspaceRoot } from '@go-coffee/toolchain';
import { readConftestConfig } from './conftest-config';
import { totals } from './conftest-results';
import { EXIT, PolicyCheckError } from './policy-check-error';
import { PolicyChecker } from './policy-check';
import { formatReport, OUTPUT_FORMATS, type OutputFormat } from './report-formats';

const USAGE = `Usage: policy-check [flags] <path> [path...]

Checks Kubernetes/Argo CD YAML against the policies compiled to WASM (conftest semantics).

Settings come from conftest.toml in the working directory when it has one (namespace, all-namespaces,
fail-on-warn, output), as conftest reads them; a flag overrides the file.

Flags:
  -o, --output <format>    ${OUTPUT_FORMATS.join(' | ')} (default stdout)
  -n, --namespace <glob>   policy namespace(s) to test, repeatable, globs as conftest (default main)
      --all-namespaces     test every namespace of the bundle
      --fail-on-warn       exit 1 on warnings and 2 on failures
  -b, --bundle <file>      policy bundle (default dist/policies/bundle.tar.gz in the workspace)
      --baseline <ref>     ratchet: fail only on failures (and, with --fail-on-warn, warnings) that the
                           same paths at git <ref> do not already have, checked with the same policies;
                           reports only the new ones, a summary line goes to stderr
  -h, --help

Exit codes: 0 pass · 1 failures (with --fail-on-warn: 1 warnings, 2 failures) · 3 no policies ·
4 no input files · 5 malformed YAML · 6 missing/corrupt WASM bundle · 7 builtin missing in the WASM SDK ·
8 duplicate object identity · 9 policy evaluation error · 10 usage error (also: unknown --baseline ref,
unusable conftest.toml) · 11 input is not plain rendered YAML/JSON (template syntax, binary, not UTF-8)
`;

/** policy-check's io: the shared one, with the clock injectable for report timestamps. */
export interface PolicyCheckIo extends CliOutput, Partial<Pick<CliIo, 'cwd'>> {
  readonly now?: () => number;
  /** The module a worker thread can evaluate from (PolicyCheckOptions.evaluationWorker); main.ts sets it. */
  readonly evaluationWorker?: URL;
}

const USAGE_ERRORS = { tool: 'policy-check', exitCode: EXIT.usage, hint: USAGE };

export function runCli(argv: readonly string[], io: PolicyCheckIo): number {
  let parsed;
  try {
    parsed = parseCommandLine(argv, {
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        namespace: { type: 'string', short: 'n', multiple: true },
        'all-namespaces': { type: 'boolean' },
        'fail-on-warn': { type: 'boolean' },
        bundle: { type: 'string', short: 'b' },
        baseline: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    const code = reportUsageError(error, USAGE_ERRORS, io);
    if (code !== undefined) return code;
    throw error;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  let config;
  try {
    config = readConftestConfig(io.cwd ?? process.cwd()) ?? {};
  } catch (error) {
    if (!(error instanceof PolicyCheckError)) throw error;
    io.stderr(`policy-check: ${error.message}\n`);
    return error.exitCode;
  }
  // A flag wins over conftest.toml; --namespace replaces the file's namespace and all-namespaces both.
  const namespaceFlag = values.namespace !== undefined;
  const settings = {
    output: values.output ?? config.output ?? 'stdout',
    namespaces: values.namespace ?? config.namespace ?? ['main'],
    allNamespaces: values['all-namespaces'] ?? (namespaceFlag ? false : (config.allNamespaces ?? false)),
    failOnWarn: values['fail-on-warn'] ?? config.failOnWarn ?? false,
  };
  const output = settings.output as OutputFormat;
  if (!OUTPUT_FORMATS.includes(output)) {
    io.stderr(`policy-check: unknown output ${settings.output}; use one of ${OUTPUT_FORMATS.join(', ')}\n`);
    return EXIT.usage;
  }
  if (values.baseline !== undefined && values.baseline.trim() === '') {
    io.stderr('policy-check: --baseline needs a git ref, e.g. --baseline origin/main\n');
    return EXIT.usage;
  }
  try {
    const checker = new PolicyChecker({
      bundlePath: values.bundle ?? resolve(workspaceRoot(), 'dist', 'policies', 'bundle.tar.gz'),
      namespaces: settings.namespaces,
      allNamespaces: settings.allNamespaces,
      failOnWarn: settings.failOnWarn,
      now: io.now,
      evaluationWorker: io.evaluationWorker,
    });
    const report = checker.check(positionals);
    // Read only when a finding is shown: the gitops-source-map/ of the workspace the rendered files are in.
    const sourceMap = new SourceMapIndex(io.cwd ?? process.cwd());
    const sources = (file: string) => sourceMap.lookup(file);
    if (values.baseline !== undefined) {
      const ref = values.baseline;
      const ratchet = ratchetAgainstBaseline({
        ref,
        paths: positionals,
        current: report.results,
        failOnWarn: settings.failOnWarn,
        check: (paths, locate) => checkAtBaseline(checker, ref, paths, locate),
      });
      io.stderr(`policy-check: ${ratchet.summary}\n`);
      io.stdout(
        formatReport(
          output,
          ratchet.results,
          totals(ratchet.results),
          ratchet.exitCode,
          checker.ruleAnnotations,
          sources,
        ),
      );
      return ratchet.exitCode;
    }
    io.stdout(formatReport(output, report.results, report.totals, report.exitCode, checker.ruleAnnotations, sources));
    return report.exitCode;
  } catch (error) {
    if (error instanceof SourceMapError) {
      io.stderr(`policy-check: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof BaselineError) {
      io.stderr(`policy-check: --baseline: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof PolicyCheckError) {
      io.stderr(`policy-check: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** The base side of the ratchet; a fail-closed error there says it is about the base ref, not the change. */
function checkAtBaseline(
  checker: PolicyChecker,
  ref: string,
  paths: readonly string[],
  locate: (path: string) => string,
) {
  try {
    return checker.check(paths, locate).results;
  } catch (error) {
    if (error instanceof PolicyCheckError)
      throw new PolicyCheckError(error.reason, `at --baseline ${ref}: ${error.message}`);
    throw error;
  }
}
