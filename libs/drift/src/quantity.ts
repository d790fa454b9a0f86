// Kubernetes resource quantities (`500m`, `1Gi`, `1e3`) compared by value, not by spelling: the API
// server keeps the spelling a client sent but `1000m`, `1`, `1Gi` and `1024Mi` are the same amount, so
// both sides of a comparison are rewritten to one canonical spelling chosen from the value alone.

const BINARY_SUFFIXES: readonly [string, bigint][] = [
  ['Ei', 1n << 60n],
  ['Pi', 1n << 50n],
  ['Ti', 1n << 40n],
  ['Gi', 1n << 30n],
  ['Mi', 1n << 20n],
  ['Ki', 1n << 10n],
];

const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** An exact amount: `numerator / 10^scale`. */
interface ExactAmount {
  readonly numerator: bigint;
  readonly scale: number;
}

function parseExact(text: string): ExactAmount | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, sign, digits, suffix, exponent] = m;
  const [whole = '', fraction = ''] = digits!.split('.');
  let numerator = BigInt(`${whole || '0'}${fraction}`);
  let scale = fraction.length;
  if (sign === '-') numerator = -numerator;
  if (suffix && suffix.endsWith('i')) {
    numerator *= BINARY_SUFFIXES.find(([s]) => s === suffix)![1];
  } else {
    const exp10 = exponent !== undefined ? Number(exponent) : DECIMAL_EXPONENTS[suffix ?? '']!;
    if (exp10 >= 0) numerator *= 10n ** BigInt(exp10);
    else scale += -exp10;
  }
  // Reduce so that equal amounts have equal representations.
  while (scale > 0 && numerator % 10n === 0n) {
    numerator /= 10n;
    scale -= 1;
  }
  return { numerator, scale };
}

// A fleet's manifests spell the same few quantities (100m, 128Mi, 1) tens of thousands of times: their
// canonical forms are remembered (a pure function of the text; bounded so hostile input cannot grow it).
const CANONICAL_CACHE_LIMIT = 4096;
const canonicalCache = new Map<string, string | undefined>();

/** The canonical spelling of a quantity, or undefined when the text is not a quantity. */
export function canonicalQuantity(value: string | number): string | undefined {
  const text = typeof value === 'string' ? value : String(value);
  const cached = canonicalCache.get(text);
  if (cached !== undefined || canonicalCache.has(text)) return cached;
  const canonical = computeCanonicalQuantity(text);
  if (canonicalCache.size < CANONICAL_CACHE_LIMIT) canonicalCache.set(text, canonical);
  return canonical;
}

function computeCanonicalQuantity(value: string): string | undefined {
  const exact = parseExact(value);
  if (!exact) return undefined;
  const { numerator, scale } = exact;
  if (numerator === 0n) return '0';
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const sign = negative ? '-' : '';
  if (scale === 0) {
    // Whole amounts: a binary suffix when the amount is a multiple of 1024 (how memory is written),
    // otherwise the largest decimal suffix that keeps it whole.
    for (const [suffix, factor] of BINARY_SUFFIXES) {
      if (magnitude >= factor && magnitude % factor === 0n) return `${sign}${magnitude / factor}${suffix}`;
    }
    for (const suffix of ['E', 'P', 'T', 'G', 'M', 'k'] as const) {
      const factor = 10n ** BigInt(DECIMAL_EXPONENTS[suffix]!);
      if (magnitude % factor === 0n) return `${sign}${magnitude / factor}${suffix}`;
    }
    return `${sign}${magnitude}`;
  }
  // Fractions: the smallest sub-unit suffix (m, u, n) that makes the amount whole.
  for (const [suffix, digits] of [
    ['m', 3],
    ['u', 6],
    ['n', 9],
  ] as const) {
    if (scale <= digits) return `${sign}${magnitude * 10n ** BigInt(digits - scale)}${suffix}`;
  }
  // Finer than a nano-unit: the API server rounds these up; keep an exact decimal spelling.
  const text = magnitude.toString().padStart(scale + 1, '0');
  return `${sign}${text.slice(0, -scale)}.${text.slice(-scale)}`;
}

/** True when both spellings denote the same amount. */
export function sameQuantity(a: string | number, b: string | number): boolean {
  const ca = canonicalQuantity(a);
  return ca !== undefined && ca === canonicalQuantity(b);
}
