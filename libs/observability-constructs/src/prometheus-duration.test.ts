import { describe, expect, it } from 'vitest';
import { prometheusDurationSeconds } from './prometheus-duration';

describe('prometheusDurationSeconds', () => {
  it('converts compound durations to seconds', () => {
    expect(prometheusDurationSeconds('1h30m', 'x')).toBe(5400);
    expect(prometheusDurationSeconds('2m', 'x')).toBe(120);
    expect(prometheusDurationSeconds('15d', 'x')).toBe(1_296_000);
  });

  it('rejects units out of order, empty text and bare numbers', () => {
    for (const bad of ['30m1h', '', '300', '5 m']) {
      expect(() => prometheusDurationSeconds(bad, 'retention')).toThrow(/retention: ".*" is not a Prometheus duration/);
    }
  });
});
