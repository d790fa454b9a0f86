import { describe, expect, it } from 'vitest';
import { plainScalarIsPortable, readsAsStringInBothVersions } from './yaml-scalar-resolution';

// Name-like strings take a shortcut (no parse); the shortcut must never disagree with both readers.
const SAMPLES = [
  ...['y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF'],
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', 'yEs', 'nULL', 'tRUE'],
  ...['e10', 'E5', 'inf', 'nan', 'Infinity', 'x1', 'a.b-c', 'go-coffee/api', 'v1', 'v1.2.3', 'RollingUpdate'],
  ...[
    'e',
    'E',
    'e1',
    'ee1',
    'E-5',
    'e.5',
    'exp10',
    'apps',
    'x_y',
    'a/b/c',
    'ClusterFirst',
    'IfNotPresent',
    'Z',
    'b0',
    'o755',
    'x0x1',
  ],
  ...['0755', '1:30', '2025-01-01', '.inf', '=', '~', '-1', '+1', '0x1F', '1e3', '8080', '12h'],
];

describe('which plain scalars every YAML reader reads as strings', () => {
  it.each(SAMPLES)('%s: the shortcut agrees with a YAML 1.2 and a YAML 1.1 reader', (text) => {
    expect(plainScalarIsPortable(text)).toBe(readsAsStringInBothVersions(text));
  });

  it('quotes the words YAML 1.1 reads as booleans and the numbers either version reads', () => {
    for (const text of ['yes', 'Off', 'y', 'NULL', '0755', '1:30', '2025-01-01', '=', '8080'])
      expect(plainScalarIsPortable(text), text).toBe(false);
    for (const text of ['go-coffee', 'v1', 'ClusterFirst', 'yesterday', 'nope', 'exp10'])
      expect(plainScalarIsPortable(text), text).toBe(true);
  });
});
