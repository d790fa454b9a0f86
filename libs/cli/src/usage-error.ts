// A command line the tool cannot act on: an unknown flag, a missing value, two flags that exclude each
// other. Tools throw it anywhere while reading arguments; reportUsageError turns it into the tool's
// message and its documented usage exit code, so no tool formats that case itself.
import type { CliOutput } from './cli-io';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** How one tool reports a usage error. */
export interface UsageConvention {
  /** Prefix of every message, e.g. `promote` → `promote: --from and --to are required`. */
  readonly tool: string;
  /** The tool's documented exit code for a usage error. */
  readonly exitCode: number;
  /** Printed after the message: the full usage text, or a pointer such as "Run `x --help` for usage.". */
  readonly hint: string;
}

/**
 * Prints a UsageError the tool's way and returns its usage exit code; undefined for any other error
 * (the caller rethrows or maps it).
 */
export function reportUsageError(error: unknown, convention: UsageConvention, io: CliOutput): number | undefined {
  if (!(error instanceof UsageError)) return undefined;
  const hint = convention.hint === '' || convention.hint.endsWith('\n') ? convention.hint : `${convention.hint}\n`;
  io.stderr(`${convention.tool}: ${error.message}\n${hint}`);
  return convention.exitCode;
}
