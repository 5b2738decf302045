import { describe, expect, it } from 'vitest';
import { formatBytes } from '../shared/numberFormat';
import { paddedDomain, pow2Ticks } from './ticks';

describe('byte ticks', () => {
  it('puts byte ticks on powers of two, so they read as round binary sizes', () => {
    const ticks = pow2Ticks([2 ** 14, 2 ** 31], 200);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(5);
    for (const t of ticks) expect(Number.isInteger(Math.log2(t))).toBe(true);
    expect(ticks.map(formatBytes).every((s) => /^\d+ (KiB|MiB|GiB)$/.test(s))).toBe(true);
  });
});

describe('paddedDomain', () => {
  it('keeps a log axis margin of at least ×1.3 and 4% of the span at each end', () => {
    const [lo, hi] = paddedDomain([1, 10], true);
    expect(lo).toBeCloseTo(1 / 1.3, 12);
    expect(hi).toBeCloseTo(13, 12);
    // Eight decades (a frontier from 1e-8 to 1): 0.32 decades at each end.
    const [a, b] = paddedDomain([1e-8, 1], true);
    expect(Math.log10(1e-8 / a)).toBeCloseTo(0.32, 12);
    expect(Math.log10(b)).toBeCloseTo(0.32, 12);
  });
});
