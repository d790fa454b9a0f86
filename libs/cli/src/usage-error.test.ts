import { describe, expect, it } from 'vitest';
import { captureIo } from './cli-io';
import { reportUsageError, UsageError } from './usage-error';

describe('reportUsageError', () => {
  it("prints the tool's prefix, the problem and the hint on stderr, and returns the usage exit code", () => {
    const captured = captureIo();
    const code = reportUsageError(
      new UsageError('--from and --to are required'),
      { tool: 'promote', exitCode: 2, hint: 'Usage: promote …\n' },
      captured.io,
    );
    expect(code).toBe(2);
    expect(captured.stderr()).toBe('promote: --from and --to are required\nUsage: promote …\n');
    expect(captured.stdout()).toBe('');
  });

  it('ends a one-line hint with a newline', () => {
    const captured = captureIo();
    reportUsageError(
      new UsageError('missing command'),
      { tool: 'x', exitCode: 10, hint: 'Run `x --help`.' },
      captured.io,
    );
    expect(captured.stderr()).toBe('x: missing command\nRun `x --help`.\n');
  });

  it('leaves any other error to the caller', () => {
    const captured = captureIo();
    expect(reportUsageError(new Error('boom'), { tool: 'x', exitCode: 2, hint: '' }, captured.io)).toBeUndefined();
    expect(captured.stderr()).toBe('');
  });
});
