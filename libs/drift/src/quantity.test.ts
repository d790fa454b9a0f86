import { describe, expect, it } from 'vitest';
import { canonicalQuantity, sameQuantity } from './quantity';

describe('canonicalQuantity', () => {
  it('treats the spellings the API server treats as equal as equal', () => {
    expect(sameQuantity('1000m', '1')).toBe(true);
    expect(sameQuantity('1Gi', '1024Mi')).toBe(true);
    expect(sameQuantity('1000M', '1G')).toBe(true);
    expect(sameQuantity('0.1', '100m')).toBe(true);
    expect(sameQuantity('0.5Gi', '512Mi')).toBe(true);
    expect(sameQuantity(2, '2000m')).toBe(true);
    expect(sameQuantity('1e3', '1k')).toBe(true);
  });

  it('keeps different amounts apart', () => {
    expect(sameQuantity('1G', '1Gi')).toBe(false);
    expect(sameQuantity('100m', '101m')).toBe(false);
    expect(sameQuantity('128Mi', '128M')).toBe(false);
  });

  it('spells canonical forms from the value alone', () => {
    expect([
      canonicalQuantity('1024Mi'),
      canonicalQuantity('1000M'),
      canonicalQuantity('0.25'),
      canonicalQuantity('1500m'),
    ]).toStrictEqual(['1Gi', '1G', '250m', '1500m']);
    expect(canonicalQuantity('0')).toBe('0');
    expect(canonicalQuantity('3')).toBe('3');
  });

  it('returns undefined for text that is not a quantity', () => {
    expect(canonicalQuantity('lots')).toBeUndefined();
    expect(canonicalQuantity('1Gb')).toBeUndefined();
  });
});
