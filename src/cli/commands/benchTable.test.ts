import { describe, expect, it } from 'vitest';
import type { MeasuredRow } from '../../engine/sweep';
import { benchChecks, fitRangeFor } from './benchChecks';
import { adapterText, benchTable } from './benchTable';

const row = (variant: string, n: number, msMedian: number, kernelMs: number): MeasuredRow => ({
  variant,
  n,
  msMedian,
  msMin: msMedian,
  msMax: msMedian,
  msAll: [msMedian],
  kernelMs,
  peakBytes: 2 ** 20,
  analyticBytes: 0,
  analyticFlops: 4 * n * n * 64,
  relError: 0,
  maxAbsError: 0,
  errorReference: 'dense',
});

describe('benchTable', () => {
  it('prints GFLOP/s and the overhead over kernel time at the largest n, then the checks', () => {
    const ns = [1024, 2048];
    const rows = [row('fused', 1024, 10, 9), row('fused', 2048, 40, 38)];
    const { checks, fits } = benchChecks(rows, ['fused'], fitRangeFor(ns));
    const lines = benchTable(rows, fits, checks, fitRangeFor(ns), ns);
    expect(lines[1]).toMatch(/peak MiB {3}GFLOP\/s {2}overhead$/);
    // 4·2048²·64 FLOPs in 40 ms = 26.8 GFLOP/s; (40 − 38) / 40 = 5 %.
    expect(lines[2]).toMatch(/^fused +10\.0 +40\.0 +2\.00 +2\.00 +1\.0 +26\.844 +5\.0 %$/);
    expect(lines).toContain(
      'PASS lab overhead on top of kernel time ≤ 10 % at n = 2048: 0.050 ((wall − kernel)/wall ≤ 0.1)',
    );
  });
});

describe('adapterText', () => {
  it('names the adapter and says when it is a software one', () => {
    const swiftshader = { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true };
    expect(adapterText(swiftshader)).toBe(' (google swiftshader, software)');
    expect(adapterText({ vendor: 'nvidia', architecture: '' })).toBe(' (nvidia)');
    expect(adapterText(null)).toBe('');
  });
});
