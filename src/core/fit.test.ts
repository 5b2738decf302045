import { describe, expect, it } from 'vitest';
import {
  fitExponent,
  fitLine,
  fitLogLog,
  LARGE_N_POINTS,
  largeNExponent,
  logLogSlope,
} from './fit';

describe('fitLine', () => {
  it('recovers an exact line with r² = 1', () => {
    const xs = [0, 1, 2, 3, 4];
    const f = fitLine(
      xs,
      xs.map((x) => -3 * x + 7),
    );
    expect(f.slope).toBeCloseTo(-3, 12);
    expect(f.intercept).toBeCloseTo(7, 12);
    expect(f.r2).toBeCloseTo(1, 12);
  });

  it('gives the textbook least-squares answer for noisy points', () => {
    // x = 1…4, y = 2, 3, 5, 4: slope = Sxy/Sxx = 4/5 = 0.8, intercept = 3.5 − 0.8·2.5 = 1.5.
    const f = fitLine([1, 2, 3, 4], [2, 3, 5, 4]);
    expect(f.slope).toBeCloseTo(0.8, 12);
    expect(f.intercept).toBeCloseTo(1.5, 12);
    // Residuals −0.3, −0.1, 1.1, −0.7: SSres = 1.8, SStot = 5, r² = 0.64.
    expect(f.r2).toBeCloseTo(0.64, 12);
  });

  it('rejects too few points, equal x values and length mismatch', () => {
    expect(() => fitLine([1], [1])).toThrow(/at least 2/);
    expect(() => fitLine([2, 2], [1, 3])).toThrow(/distinct/);
    expect(() => fitLine([1, 2], [1])).toThrow(RangeError);
  });
});

describe('fitLogLog', () => {
  it.each([1, 2, 1.5, 0.5])('recovers t = c·n^%d exactly', (p) => {
    const ns = [128, 256, 512, 1024, 2048];
    const ts = ns.map((n) => 3e-4 * n ** p);
    const f = fitLogLog(ns, ts);
    expect(f.slope).toBeCloseTo(p, 10);
    expect(Math.exp(f.intercept)).toBeCloseTo(3e-4, 12);
    expect(f.r2).toBeCloseTo(1, 12);
  });

  it('recovers n·log n as a slope a little above 1', () => {
    const ns = [256, 512, 1024, 2048, 4096];
    const f = fitLogLog(
      ns,
      ns.map((n) => n * Math.log(n)),
    );
    expect(f.slope).toBeGreaterThan(1.05);
    expect(f.slope).toBeLessThan(1.2);
  });

  it('rejects non-positive or non-finite values', () => {
    expect(() => fitLogLog([1, 2], [0, 1])).toThrow(/positive/);
    expect(() => fitLogLog([1, 2], [1, Number.POSITIVE_INFINITY])).toThrow(/finite/);
    expect(() => fitLogLog([-1, 2], [1, 1])).toThrow(RangeError);
  });
});

describe('fitExponent', () => {
  const pts = [256, 512, 1024, 2048].map((n) => ({ n, ms: 1e-5 * n ** 2 }));

  it('fits only the points in [nMin, nMax] and reports that range', () => {
    const noisy = [{ n: 128, ms: 50 }, ...pts]; // an overhead-dominated small n
    const all = fitExponent(noisy);
    expect(all.points).toBe(5);
    expect(all.slope).not.toBeCloseTo(2, 1);
    const upper = fitExponent(noisy, 256);
    expect(upper).toMatchObject({ points: 4, nMin: 256, nMax: 2048 });
    expect(upper.slope).toBeCloseTo(2, 10);
    expect(fitExponent(noisy, 0, 1024)).toMatchObject({ points: 4, nMin: 128, nMax: 1024 });
  });

  it('skips unusable times and gives a null slope with fewer than two n', () => {
    expect(fitExponent([{ n: 256, ms: Number.NaN }, ...pts]).points).toBe(4);
    expect(fitExponent(pts, 2048)).toEqual({
      slope: null,
      intercept: null,
      r2: null,
      points: 1,
      nMin: 2048,
      nMax: 2048,
    });
    expect(fitExponent([]).nMin).toBeNull();
  });
});

describe('largeNExponent', () => {
  // Overhead c plus quadratic work: the whole-range fit is far below 2, the top three n near it.
  const ns = [64, 128, 256, 512, 1024, 2048, 4096, 8192];
  const overheadPlusQuadratic = ns.map((n) => ({ n, ms: 20 + 1e-4 * n ** 2 }));

  it('fits the three largest n, whatever their order, and says which', () => {
    expect(LARGE_N_POINTS).toBe(3);
    const shuffled = [...overheadPlusQuadratic].reverse();
    const fit = largeNExponent(shuffled);
    expect(fit).toMatchObject({ points: 3, nMin: 2048, nMax: 8192 });
    // Same as an explicit least-squares fit over those three points, to rounding.
    const direct = fitLogLog(
      [2048, 4096, 8192],
      [2048, 4096, 8192].map((n) => 20 + 1e-4 * n ** 2),
    );
    expect(fit.slope).toBeCloseTo(direct.slope, 12);
    expect(fit.slope).toBeGreaterThan(1.8);
    expect(fitExponent(overheadPlusQuadratic).slope).toBeLessThan(1.3);
  });

  it("uses each series' own largest n and skips unusable times first", () => {
    const capped = overheadPlusQuadratic.filter((p) => p.n <= 1024);
    expect(largeNExponent(capped)).toMatchObject({ points: 3, nMin: 256, nMax: 1024 });
    const withGap = [...capped, { n: 2048, ms: Number.NaN }, { n: 4096, ms: 0 }];
    expect(largeNExponent(withGap)).toMatchObject({ points: 3, nMin: 256, nMax: 1024 });
  });

  it('uses every n when there are fewer, null slope below two, and checks count', () => {
    const two = [
      { n: 512, ms: 4 },
      { n: 1024, ms: 16 },
    ];
    expect(largeNExponent(two)).toMatchObject({ points: 2, nMin: 512, nMax: 1024 });
    expect(largeNExponent(two).slope).toBeCloseTo(2, 12);
    expect(largeNExponent([{ n: 512, ms: 4 }]).slope).toBeNull();
    expect(largeNExponent([]).slope).toBeNull();
    expect(largeNExponent(overheadPlusQuadratic, 2)).toMatchObject({ nMin: 4096, nMax: 8192 });
    expect(() => largeNExponent(two, 1)).toThrow(RangeError);
  });
});

describe('logLogSlope', () => {
  it('recovers an exact power law and counts its points', () => {
    const ns = [128, 256, 512, 1024];
    const fit = logLogSlope(
      ns,
      ns.map((n) => 3e-4 * n ** 2),
    );
    expect(fit?.slope).toBeCloseTo(2, 10);
    expect(fit?.intercept).toBeCloseTo(Math.log(3e-4), 10);
    expect(fit?.points).toBe(4);
  });

  it('skips unusable points and needs two distinct n', () => {
    expect(logLogSlope([1, 2, 4], [Number.NaN, 2, 4])?.slope).toBeCloseTo(1, 10);
    expect(logLogSlope([1, 2], [0, 2])).toBeNull();
    expect(logLogSlope([4, 4], [1, 2])).toBeNull();
  });

  it('reports a poor r² for noise', () => {
    expect(logLogSlope([1, 2, 4, 8], [5, 1, 6, 1])?.r2 ?? 1).toBeLessThan(0.5);
  });
});
