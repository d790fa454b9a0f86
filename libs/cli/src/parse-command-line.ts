// node:util parseArgs, strict, with its errors turned into UsageError: every tool reads flags the same
// way (`--flag value`, `--flag=value`, short aliases, repeatable flags) and reports a bad command line the
// same way.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';

export type CommandLineOptions = NonNullable<ParseArgsConfig['options']>;

export interface CommandLineSpec<O extends CommandLineOptions> {
  readonly options: O;
  /** @default false */
  readonly allowPositionals?: boolean;
}

/** Parses argv; an unknown flag, a missing value or an unexpected positional throws UsageError. */
export function parseCommandLine<O extends CommandLineOptions, P extends boolean = false>(
  argv: readonly string[],
  spec: { readonly options: O; readonly allowPositionals?: P },
) {
  try {
    return parseArgs({
      args: [...argv],
      options: spec.options,
      allowPositionals: (spec.allowPositionals ?? false) as P,
      strict: true,
    });
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError((error as Error).message);
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
