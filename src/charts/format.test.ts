import { describe, expect, it } from 'vitest';
import { formatBytes, formatError, formatN } from './format';
import { paddedDomain, pow2Ticks } from './ticks';

describe('chart formats', () => {
  it('writes bytes in binary units without trailing zeros', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2 ** 20)).toBe('1 MiB');
    expect(formatBytes(1.5 * 2 ** 20)).toBe('1.5 MiB');
    expect(formatBytes(1000 * 2 ** 20)).toBe('1000 MiB');
    expect(formatBytes(123_456_789)).toBe('118 MiB');
  });

  it('puts byte ticks on powers of two, so they read as round binary sizes', () => {
    const ticks = pow2Ticks([2 ** 14, 2 ** 31], 200);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(5);
    for (const t of ticks) expect(Number.isInteger(Math.log2(t))).toBe(true);
    expect(ticks.map(formatBytes).every((s) => /^\d+ (KiB|MiB|GiB)$/.test(s))).toBe(true);
  });

  it('writes n as 1K, 16K', () => {
    expect(formatN(1024)).toBe('1K');
    expect(formatN(16384)).toBe('16K');
    expect(formatN(100)).toBe('100');
  });

  it('writes errors with three significant digits and no trailing zeros', () => {
    expect([1, 0.1, 0.01, 1e-3, 1e-6].map(formatError)).toEqual([
      '1',
      '0.1',
      '0.01',
      '1e-3',
      '1e-6',
    ]);
    expect(formatError(0.012345)).toBe('0.0123');
    expect(formatError(3.6723e-7)).toBe('3.67e-7');
    expect(formatError(2.5e-5)).toBe('2.5e-5');
    expect(formatError(0)).toBe('0');
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
