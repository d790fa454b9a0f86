// Fixture tool: prints what it was given, fails with a usage error on --bad, throws on --crash.
import { launchMain, parseCommandLine, reportUsageError, type CliIo } from '../../../../src/index';

function echoTool(argv: readonly string[], io: CliIo): number {
  try {
    const { values, positionals } = parseCommandLine(argv, {
      options: { crash: { type: 'boolean' }, name: { type: 'string' } },
      allowPositionals: true,
    });
    if (values.crash) throw new Error('crashed on purpose');
    io.stdout(`${JSON.stringify({ name: values.name, positionals, cwd: io.cwd })}\n`);
    return 0;
  } catch (error) {
    const code = reportUsageError(error, { tool: 'echo-tool', exitCode: 64, hint: 'Usage: echo-tool [--name <n>]' }, io);
    if (code !== undefined) return code;
    throw error;
  }
}

await launchMain(echoTool, { tool: 'echo-tool', unexpectedExitCode: 70 });
