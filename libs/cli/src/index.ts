// Public entry point of @go-coffee/cli: the command-line plumbing every tool shares (io, argument
// parsing, usage errors, process launch). See README.md for the convention.
export { captureIo, processIo } from './cli-io';
export type { CapturedIo, CliIo, CliOutput } from './cli-io';
export { launchMain } from './launch-main';
export type { CommandLineMain, LaunchOptions } from './launch-main';
export { parseCommandLine } from './parse-command-line';
export type { CommandLineOptions, CommandLineSpec } from './parse-command-line';
export { readCommandLine } from './read-command-line';
export type { CommandLineReadSpec, CommandLineReading, ParsedCommandLine } from './read-command-line';
export { reportUsageError, UsageError } from './usage-error';
export { workspaceRoot } from './workspace-root';
export type { UsageConvention } from './usage-error';
