import { describe, expect, it } from 'vitest';
import type { MeasuredRow, SweepRow } from '../../engine/sweep';
import { benchChecks, fitRangeFor } from './benchChecks';

/** Rows with time c·n^p and the given peak bytes, as a sweep would give them. */
function rowsFor(id: string, p: number, ns: number[], peak = (n: number) => n * n): SweepRow[] {
  return ns.map(
    (n): MeasuredRow => ({
      variant: id,
      n,
      msMedian: 1e-4 * n ** p,
      msMin: 0,
      msMax: 0,
      msAll: [],
      peakBytes: peak(n),
      analyticBytes: 0,
      analyticFlops: 0,
      relError: 0,
      maxAbsError: 0,
      errorReference: 'dense',
    }),
  );
}

const NS = [256, 512, 1024, 2048, 4096];

describe('fitRangeFor', () => {
  it('uses the three largest n, or every n when there are three or fewer', () => {
    expect(fitRangeFor(NS)).toMatchObject({ nMin: 1024, nMax: 4096 });
    expect(fitRangeFor([512, 256, 1024])).toMatchObject({ nMin: 256, nMax: 1024 });
    expect(fitRangeFor(NS, 512)).toMatchObject({ nMin: 512, rule: 'n ≥ --fit-min-n' });
  });
});

describe('benchChecks', () => {
  it('passes the figures the issue asks for and fails the ones it forbids', () => {
    const rows = [
      // Overhead at small n flattens dense's full-range fit; the checked fit uses n ≥ 1024.
      ...rowsFor('dense', 2, NS).map((r) => (r.n === 256 ? { ...r, msMedian: 100 } : r)),
      ...rowsFor('flash', 2, NS, (n) => n * 64),
      ...rowsFor('window', 1, NS),
      ...rowsFor('linformer', 1.5, NS), // too steep: must fail
      ...rowsFor('performer', 1, NS),
      { variant: 'linear', n: 256, refused: 'for the test' },
      ...rowsFor('linear', 1, [512, 1024, 2048, 4096]),
      // fused: dense's time scaled by 0.5 (a 2× speed-up), output-sized memory.
      ...rowsFor('dense', 2, NS, (n) => n * 16).map((r) => ({
        ...r,
        variant: 'fused',
        msMedian: 'msMedian' in r ? r.msMedian * 0.5 : 0,
      })),
    ];
    const variants = ['dense', 'flash', 'fused', 'window', 'linformer', 'performer', 'linear'];
    const { checks, fits } = benchChecks(rows, variants, fitRangeFor(NS));
    const status = Object.fromEntries(checks.map((c) => [c.name, c.status]));
    expect(status).toEqual({
      'dense fitted exponent': 'pass',
      'window fitted exponent': 'pass',
      'linformer fitted exponent': 'fail',
      'performer fitted exponent': 'pass',
      'linear fitted exponent': 'pass',
      "flash peak tensor bytes ≤ 1/8 of dense's at n = 4096": 'pass',
      "fused time ≤ 1/1.5 of dense's at n = 2048": 'pass',
      // flash's rows take dense's time, so a 2× faster fused beats it too.
      'fused faster than flash at n = 2048': 'pass',
      "fused peak tensor bytes ≤ 1/20 of dense's at n = 4096": 'pass',
      // These rows carry no kernel time: not measurable, never passed.
      'lab overhead on top of kernel time ≤ 10 %': 'skipped',
    });
    expect(checks[6].measured).toBeCloseTo(0.5, 12);
    const dense = checks[0];
    expect(dense.measured).toBeCloseTo(2, 10);
    expect(dense.details).toMatchObject({ fitNMin: 1024, fitNMax: 4096, points: 3 });
    expect(dense.details.fullRangeSlope).toBeLessThan(1.8); // reported beside, not used
    expect(checks[5].measured).toBeCloseTo(64 / 4096, 12);
    expect(fits.fullRange.find((f) => f.variant === 'linear')?.points).toBe(4);
  });

  it('fails a fused kernel that is not 1.5× faster than dense', () => {
    const slow = rowsFor('dense', 2, NS).map((r) => ({
      ...r,
      variant: 'fused',
      msMedian: 'msMedian' in r ? r.msMedian * 0.8 : 0,
    }));
    const rows = [...rowsFor('dense', 2, NS), ...slow];
    const { checks } = benchChecks(rows, ['dense', 'fused'], fitRangeFor(NS));
    const speed = checks.find((c) => c.name.startsWith('fused time'));
    expect(speed).toMatchObject({ status: 'fail' });
    expect(speed?.measured).toBeCloseTo(0.8, 12);
  });

  it('skips what did not run, and says so', () => {
    const { checks } = benchChecks(rowsFor('dense', 1.5, NS), ['dense'], fitRangeFor(NS));
    expect(checks[0]).toMatchObject({ status: 'fail', measured: expect.any(Number) });
    expect(checks.slice(1).map((c) => c.status)).toEqual(Array(9).fill('skipped'));
    expect(checks[1].note).toBe('window was not in this run');
    expect(checks[5].note).toBe('flash and dense did not both run at any n');
  });
});
