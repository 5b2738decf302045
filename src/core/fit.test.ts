import { describe, expect, it } from 'vitest';
import { logLogSlope } from './fit';
import { median, quantile, spread } from './stats';

describe('logLogSlope', () => {
  it('recovers the exponent of an exact power law', () => {
    const ns = [128, 256, 512, 1024];
    const fit = logLogSlope(
      ns,
      ns.map((n) => 3e-4 * n ** 2),
    );
    expect(fit?.slope).toBeCloseTo(2, 10);
    expect(fit?.intercept).toBeCloseTo(Math.log(3e-4), 10);
    expect(fit?.r2).toBeCloseTo(1, 10);
  });

  it('skips non-positive or missing points and needs two', () => {
    expect(logLogSlope([1, 2, 4], [Number.NaN, 2, 4])?.slope).toBeCloseTo(1, 10);
    expect(logLogSlope([1, 2], [0, 2])).toBeNull();
  });

  it('reports a poor r2 for noise', () => {
    const fit = logLogSlope([1, 2, 4, 8], [5, 1, 6, 1]);
    expect(fit?.r2 ?? 1).toBeLessThan(0.5);
  });
});

describe('stats', () => {
  it('median, quantiles and spread', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
  });
});
