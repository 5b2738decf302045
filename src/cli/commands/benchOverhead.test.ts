import { describe, expect, it } from 'vitest';
import type { MeasuredRow, SweepRow } from '../../engine/sweep';
import { OVERHEAD_MAX, overheadCheck, overheadFigures, pooledOverhead } from './benchOverhead';

const row = (
  variant: string,
  n: number,
  msMedian: number,
  kernelMs?: number | null,
): MeasuredRow => ({
  variant,
  n,
  msMedian,
  msMin: msMedian,
  msMax: msMedian,
  msAll: [msMedian],
  ...(kernelMs === undefined ? {} : { kernelMs }),
  peakBytes: 0,
  analyticBytes: 0,
  analyticFlops: 0,
  relError: null,
  maxAbsError: null,
  errorReference: null,
});

describe('overheadFigures', () => {
  it('is (wall − kernel) / wall per point with a kernel time, and skips the rest', () => {
    const rows: SweepRow[] = [
      row('dense', 1024, 100, 92),
      row('dense', 2048, 400, 410), // the kernel-timed call was slower than the median
      row('flash', 1024, 50),
      row('flash', 2048, 80, null),
      { variant: 'fused', n: 1024, refused: 'not on this backend' },
    ];
    const figures = overheadFigures(rows);
    expect(figures.map((f) => [f.variant, f.n])).toEqual([
      ['dense', 1024],
      ['dense', 2048],
    ]);
    expect(figures[0].overhead).toBeCloseTo(0.08, 12);
    expect(figures[1].overhead).toBeCloseTo(-0.025, 12);
    expect(pooledOverhead(figures)).toBeCloseTo((500 - 502) / 500, 12);
    expect(pooledOverhead([])).toBeNull();
  });
});

describe('overheadCheck', () => {
  it('holds the worst variant at the largest n to the budget, pooled figure beside it', () => {
    const rows = [
      row('dense', 1024, 100, 50), // 50 %: small n is not checked
      row('dense', 4096, 1000, 950), // 5 %
      row('fused', 4096, 500, 460), // 8 %: the worst at 4096
    ];
    const check = overheadCheck(rows);
    expect(check).toMatchObject({ status: 'pass', name: expect.stringMatching(/at n = 4096$/) });
    expect(check.measured).toBeCloseTo(0.08, 12);
    expect(check.details).toMatchObject({ n: 4096, worstVariant: 'fused', points: 3 });
    expect(check.details.pooledOverhead).toBeCloseTo((1600 - 1460) / 1600, 12);
    expect(check.details.denseOverhead).toBeCloseTo(0.05, 12);
    expect(check.note).toBeUndefined();
  });

  it('says when the timed calls differ by more than the budget (a loaded machine)', () => {
    const noisy = { ...row('dense', 4096, 1000, 950), msMin: 800, msMax: 1300 };
    const check = overheadCheck([noisy]);
    expect(check).toMatchObject({ status: 'pass', details: { wallSpread: 0.5 } });
    expect(check.note).toBe(
      'noise-limited: the timed calls at n = 4096 spread by up to 50 % of their median, more than the budget',
    );
  });

  it('fails above the budget', () => {
    const check = overheadCheck([row('flash', 2048, 100, 100 * (1 - OVERHEAD_MAX) - 1)]);
    expect(check.status).toBe('fail');
    expect(check.measured).toBeCloseTo(0.11, 12);
  });

  it('is "not measurable here" without kernel times, never passed', () => {
    const check = overheadCheck([row('dense', 1024, 100), row('dense', 2048, 400, null)]);
    expect(check).toMatchObject({ status: 'skipped', measured: null });
    expect(check.note).toMatch(/^not measurable here: .*timestamp-query/);
  });
});
