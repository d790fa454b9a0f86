import { describe, expect, it } from 'vitest';
import { captureIo } from './cli-io';
import { readCommandLine } from './read-command-line';
import { UsageError } from './usage-error';

const spec = {
  options: {
    from: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  usage: 'Usage: x --from <env>\n',
  usageErrors: { tool: 'x', exitCode: 2, hint: 'Usage: x --from <env>\n' },
  check: ({ values }: { values: { from?: string } }) => {
    if (!values.from) throw new UsageError('--from is required');
  },
} as const;

describe('readCommandLine', () => {
  it('returns the parsed flags when they pass the check, printing nothing', () => {
    const captured = captureIo();
    const reading = readCommandLine(['--from', 'staging'], spec, captured.io);
    expect(reading.exitCode).toBeUndefined();
    expect({ ...reading.parsed?.values }).toStrictEqual({ from: 'staging', help: false });
    expect([captured.stdout(), captured.stderr()]).toStrictEqual(['', '']);
  });

  it('prints the usage on stdout for --help and exits 0 without running the check', () => {
    const captured = captureIo();
    expect(readCommandLine(['-h'], spec, captured.io)).toStrictEqual({ exitCode: 0 });
    expect([captured.stdout(), captured.stderr()]).toStrictEqual(['Usage: x --from <env>\n', '']);
  });

  it('reports a failed check with the hint and the usage exit code', () => {
    const captured = captureIo();
    expect(readCommandLine([], spec, captured.io)).toStrictEqual({ exitCode: 2 });
    expect([captured.stdout(), captured.stderr()]).toStrictEqual([
      '',
      'x: --from is required\nUsage: x --from <env>\n',
    ]);
  });

  it("reports an unknown flag with node's message, the hint and the usage exit code", () => {
    const captured = captureIo();
    expect(readCommandLine(['--nope'], spec, captured.io)).toStrictEqual({ exitCode: 2 });
    expect(captured.stdout()).toBe('');
    expect(captured.stderr()).toMatch(/^x: Unknown option '--nope'.*\nUsage: x --from <env>\n$/s);
  });

  it('lets any other error from the check through', () => {
    const failing = {
      ...spec,
      check: () => {
        throw new Error('boom');
      },
    };
    expect(() => readCommandLine(['--from', 'a'], failing, captureIo().io)).toThrow('boom');
  });
});
