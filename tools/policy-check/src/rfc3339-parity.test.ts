// policy-check implements OPA's time.parse_rfc3339_ns for the WASM host (the SDK lacks it). Exception
// expiry depends on it, so it must reject exactly what the real OPA rejects and agree on every value.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toolPath } from '@go-coffee/toolchain';
import { parseRfc3339Nanos } from './wasm-policy';

const samples = [
  '2027-01-01T00:00:00Z',
  '2028-02-29T00:00:00Z',
  '2000-02-29T00:00:00Z',
  '2029-12-31T22:00:00-02:00',
  '2029-12-31T23:59:59.5+05:30',
  '2029-12-31T23:59:59,25Z',
  '2029-06-01T12:00:00.123456789Z',
  '0099-01-01T00:00:00Z',
  '2027-02-30T00:00:00Z',
  '2027-06-31T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '1900-02-29T00:00:00Z',
  '2027-13-01T00:00:00Z',
  '2027-00-01T00:00:00Z',
  '2027-01-00T00:00:00Z',
  '2027-01-01T24:00:00Z',
  '2027-01-01T23:60:00Z',
  '2027-01-01T23:59:60Z',
  '2027-01-01T00:00:00+24:00',
  '2027-01-01T00:00:00+24:60',
  '2027-01-01T00:00:00+25:00',
  '2027-01-01T00:00:00+23:61',
  '1678-01-01T00:00:00Z',
  '2262-04-11T00:00:00Z',
  '2262-04-12T00:00:00Z',
  '2027-01-01T00:00:00.Z',
  '2027-01-01T00:00:00.1234567891Z',
  '2027-01-01t00:00:00Z',
  '2027-01-01T00:00:00z',
  '2027-01-01T00:00:00',
  '2027-01-01 00:00:00Z',
  '2027-01-01',
  '2027-1-01T00:00:00Z',
  '27-01-01T00:00:00Z',
  '',
];

describe('time.parse_rfc3339_ns of the WASM host', () => {
  it('agrees with the real OPA on valid, impossible and malformed timestamps', () => {
    // OPA evaluates each sample; an error (rejected value) leaves its key out of the object.
    const query = `{s: time.parse_rfc3339_ns(s) | some s in ${JSON.stringify(samples)}}`;
    const opa = JSON.parse(execFileSync(toolPath('opa'), ['eval', '-f', 'raw', query], { encoding: 'utf8' })) as Record<
      string,
      number
    >;
    const ours = Object.fromEntries(
      samples.flatMap((sample) => {
        const nanos = parseRfc3339Nanos(sample);
        return nanos === undefined ? [] : [[sample, nanos]];
      }),
    );
    // JSON numbers: both sides lose the same precision beyond 2^53, so compare as numbers.
    expect(Object.keys(ours).sort()).toStrictEqual(Object.keys(opa).sort());
    for (const [sample, nanos] of Object.entries(opa)) expect(ours[sample], sample).toBe(nanos);
    expect(Object.keys(opa)).toContain('2028-02-29T00:00:00Z');
    expect(Object.keys(opa)).not.toContain('2027-02-30T00:00:00Z');
  });
});
