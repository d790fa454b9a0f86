import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './parse-command-line';
import { UsageError } from './usage-error';

const spec = {
  options: {
    env: { type: 'string' },
    check: { type: 'boolean' },
    service: { type: 'string', short: 's', multiple: true },
  },
} as const;

describe('parseCommandLine', () => {
  it('reads flags with separate and inline values, short aliases and repeated flags', () => {
    const { values } = parseCommandLine(['--env', 'prod', '--check', '-s', 'a', '--service=b'], spec);
    expect({ ...values }).toStrictEqual({ env: 'prod', check: true, service: ['a', 'b'] });
  });

  it('turns an unknown flag into a UsageError naming the flag', () => {
    expect(() => parseCommandLine(['--nope'], spec)).toThrow(UsageError);
    expect(() => parseCommandLine(['--nope'], spec)).toThrow(/^Unknown option '--nope'/);
  });

  it('turns a flag without its value into a UsageError', () => {
    expect(() => parseCommandLine(['--env'], spec)).toThrow(UsageError);
    expect(() => parseCommandLine(['--env'], spec)).toThrow(/--env <value>/);
  });

  it('refuses positionals unless the command allows them', () => {
    expect(() => parseCommandLine(['extra'], spec)).toThrow(UsageError);
    expect(parseCommandLine(['drift', '--check'], { ...spec, allowPositionals: true }).positionals).toStrictEqual([
      'drift',
    ]);
  });
});
