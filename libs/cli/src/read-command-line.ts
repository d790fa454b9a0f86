// The front of every tool's runCli: parse the flags, check what parseArgs cannot (required flags, flags
// that exclude each other), answer --help, and turn a usage error into the tool's message and exit
// code. One function, so the order (help wins over a missing flag) and the exits are the same in every tool.
import type { CliOutput } from './cli-io';
import { parseCommandLine, type CommandLineOptions } from './parse-command-line';
import { reportUsageError, type UsageConvention } from './usage-error';

export type ParsedCommandLine<O extends CommandLineOptions, P extends boolean = false> = ReturnType<
  typeof parseCommandLine<O, P>
>;

export interface CommandLineReadSpec<O extends CommandLineOptions, P extends boolean = false> {
  /** The tool's flags; a boolean `help` flag among them makes `--help` print `usage` and exit 0. */
  readonly options: O;
  /** @default false */
  readonly allowPositionals?: P;
  /** The full usage text, printed on stdout for --help. */
  readonly usage: string;
  /** How a usage error is printed and which exit code it returns. */
  readonly usageErrors: UsageConvention;
  /**
   * Checks that need more than one flag; throws UsageError. Not run for --help.
   * @default no further checks
   */
  readonly check?: (parsed: ParsedCommandLine<O, P>) => void;
}

/** Either the command line to act on, or the exit code the tool returns at once (help printed, or a usage error). */
export type CommandLineReading<O extends CommandLineOptions, P extends boolean = false> =
  | { readonly parsed: ParsedCommandLine<O, P>; readonly exitCode?: undefined }
  | { readonly parsed?: undefined; readonly exitCode: number };

/**
 * Parses argv and checks it; prints the usage for --help (exit 0) or the usage error (the tool's usage
 * exit code). Any error other than a UsageError thrown by `check` propagates.
 */
export function readCommandLine<O extends CommandLineOptions, P extends boolean = false>(
  argv: readonly string[],
  spec: CommandLineReadSpec<O, P>,
  io: CliOutput,
): CommandLineReading<O, P> {
  let parsed: ParsedCommandLine<O, P>;
  try {
    parsed = parseCommandLine(argv, { options: spec.options, allowPositionals: spec.allowPositionals });
    if ((parsed.values as { help?: unknown }).help === true) {
      io.stdout(spec.usage);
      return { exitCode: 0 };
    }
    spec.check?.(parsed);
  } catch (error) {
    const exitCode = reportUsageError(error, spec.usageErrors, io);
    if (exitCode !== undefined) return { exitCode };
    throw error;
  }
  return { parsed };
}
