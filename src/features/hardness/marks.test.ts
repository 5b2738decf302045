import { describe, expect, it } from 'vitest';
import type { SweepRow } from '../../engine/sweep';
import { rankLimit } from '../../worker/hardnessJobs';
import type { ModPoint } from '../../worker/hardnessProtocol';
import {
  boundedCharts,
  crossingTau,
  formatRatio,
  performerSeries,
  rankMarks,
  thresholdJump,
  worstDeviation,
} from './marks';
import { normSqs } from './model/requests';
import { flopsMarks, formatFlops, modMarks, tailExponent } from './timingMarks';

const bp = (variant: string, n: number, ratio: number, maxAbsError: number) => ({
  variant,
  n,
  d: Math.ceil(Math.log2(n)),
  ratio,
  b: Math.sqrt(ratio * Math.log(n)),
  relError: 0,
  maxAbsError,
});

describe('bounded-entries marks', () => {
  const points = [
    bp('performer', 64, 0.25, 0.01),
    bp('performer', 64, 4, 2),
    bp('performer', 128, 0.25, 0.02),
    bp('performer', 128, 4, 1),
    bp('taylor', 64, 0.25, 0.001),
    bp('taylor', 64, 4, 1),
  ];

  it('one chart per variant, one series per n, x = B²/ln n', () => {
    const charts = boundedCharts(points);
    expect(charts.map((c) => c.variant)).toEqual(['performer', 'taylor']);
    expect(charts[0].series.map((s) => s.label)).toEqual(['n = 64, d = 6', 'n = 128, d = 7']);
    expect(charts[0].series[0].points).toEqual([
      { n: 0.25, y: 0.01 },
      { n: 4, y: 2 },
    ]);
    expect(charts[0].jumps.get('performer-64')).toBeCloseTo(200, 9);
    expect(charts[1].series[1].points).toEqual([]); // taylor was not run at 128
  });

  it('the jump across the threshold: 4 over 1/4, else the outermost points', () => {
    expect(
      thresholdJump([
        { n: 0.25, y: 1 },
        { n: 1, y: 3 },
        { n: 4, y: 50 },
        { n: 8, y: 90 },
      ]),
    ).toBe(50);
    expect(
      thresholdJump([
        { n: 0.5, y: 2 },
        { n: 2, y: 8 },
      ]),
    ).toBe(4);
    expect(thresholdJump([{ n: 0.5, y: 2 }])).toBeNull();
  });

  it('formats ratios as fractions below 1', () => {
    expect([0.125, 0.25, 0.5, 1, 2, 8].map(formatRatio)).toEqual([
      '1/8',
      '1/4',
      '1/2',
      '1',
      '2',
      '8',
    ]);
  });
});

describe('Performer marks', () => {
  const pts = [
    { normSq: 1, measured: 0.011, closedForm: 0.01 },
    { normSq: 2, measured: 0.025, closedForm: 0.025 },
    { normSq: 4, measured: 0, closedForm: 0.2 },
  ];

  it('measured solid, closed form dashed and hidden with it; zeros left off the log axis', () => {
    const [measured, closed] = performerSeries([{ m: 64, points: pts }]);
    expect(measured).toMatchObject({ id: 'm64', label: 'm = 64' });
    expect(measured.points).toHaveLength(2);
    expect(closed).toMatchObject({ id: 'm64-closed', partOf: 'm64', dashed: true });
    expect(closed.points.map((p) => p.y)).toEqual([0.01, 0.025, 0.2]);
  });

  it('worst deviation over ‖x+y‖² ≤ 2', () => {
    expect(worstDeviation(pts, 2)).toBeCloseTo(0.1, 12);
  });

  it('‖x+y‖² from 1/4 up to the largest in steps of 1/2', () => {
    expect(normSqs(3)).toEqual([0.25, 0.5, 1, 1.5, 2, 2.5, 3]);
  });
});

describe('rank-limit marks', () => {
  it('identity: one floor line labelled √(n − m); softmax crosses it as τ falls', () => {
    const r = rankLimit({
      kind: 'rankLimit',
      pattern: 'identity',
      n: 16,
      m: 4,
      taus: [2, 0.5, 0.1],
    });
    const { series, hLines } = rankMarks(r, 4);
    expect(hLines).toHaveLength(1);
    expect(hLines[0].label).toBe('rank-4 floor 3.46 = √(n − m)');
    expect(series[0].points.map((p) => p.n)).toEqual([0.1, 0.5, 2]);
    expect(crossingTau(r)).toBe(0.5);
  });

  it('band: the SVD floor lies below √(n − m), so both lines are drawn', () => {
    const r = rankLimit({ kind: 'rankLimit', pattern: 'band', n: 16, m: 4, taus: [1] });
    const { hLines } = rankMarks(r, 4);
    expect(hLines.map((h) => h.label)).toEqual([
      `rank-4 floor ${r.bestError.toPrecision(3)}`,
      '√(n − m) = 3.46',
    ]);
    expect(hLines[0].y).toBeLessThan(hLines[1].y);
  });
});

const row = (variant: string, n: number, ms: number, peak: number, flops: number): SweepRow => ({
  variant,
  n,
  msMedian: ms,
  msMin: ms * 0.9,
  msMax: ms * 1.1,
  msAll: [ms],
  peakBytes: peak,
  analyticBytes: peak,
  analyticFlops: flops,
  relError: 0,
  maxAbsError: 0,
  errorReference: 'dense',
});

describe('timing marks', () => {
  it('fits exponents over the three largest n', () => {
    const pts = [
      { n: 64, y: 1 },
      { n: 128, y: 1 },
      { n: 256, y: 4 },
      { n: 512, y: 16 },
    ];
    expect(tailExponent(pts)).toBeCloseTo(2, 12);
    expect(tailExponent(pts.slice(0, 1))).toBeNull();
  });

  it('FLOPs vs memory: same FLOPs exponent, memory n² against n; refused rows skipped', () => {
    const rows: SweepRow[] = [128, 256, 512].flatMap((n) => [
      row('dense', n, n * n, 4 * n * n, 4 * n * n * 64),
      row('flash', n, 2 * n * n, 4 * 64 * n, 4 * n * n * 64),
    ]);
    rows.push({ variant: 'fused', n: 128, refused: 'needs webgpu' });
    const m = flopsMarks(rows);
    expect(m.flops.map((s) => s.id)).toEqual(['dense', 'flash']);
    expect(m.memory.map((s) => s.id)).toEqual([
      'dense',
      'flash',
      'dense-analytic',
      'flash-analytic',
    ]);
    expect(m.exponents.get('dense')?.memory).toBeCloseTo(2, 9);
    expect(m.exponents.get('flash')?.memory).toBeCloseTo(1, 9);
    expect(m.exponents.get('flash')?.flops).toBeCloseTo(2, 9);
    expect(m.exponents.get('flash')?.time).toBeCloseTo(2, 9);
  });

  it('MoD: (C/S)² line under full, exponents, ratio at the largest n', () => {
    const t = (ms: number) => ({ msMedian: ms, msMin: ms, msMax: ms });
    const points: ModPoint[] = [256, 512, 1024].map((n) => ({
      n,
      routed: n / 8,
      full: t(n * n),
      routedTime: t((n * n) / 32),
      fullFlops: n * n,
      routedFlops: (n * n) / 64,
    }));
    const m = modMarks(points, 0.125);
    expect(m.series.map((s) => s.id)).toEqual(['full', 'routed', 'theory']);
    expect(m.series[2].points[0].y).toBeCloseTo((256 * 256) / 64, 9);
    expect(m.exponents.full).toBeCloseTo(2, 9);
    expect(m.exponents.routed).toBeCloseTo(2, 9);
    expect(m.exponents.routedFlops).toBeCloseTo(2, 9);
    expect(m.ratioAtLargest).toEqual({ n: 1024, measured: 1 / 32, theory: 1 / 64 });
  });

  it('formats FLOPs with SI prefixes', () => {
    expect([1.07e6, 4.3e9, 512, 2.5e12].map(formatFlops)).toEqual([
      '1.07 M',
      '4.3 G',
      '512',
      '2.5 T',
    ]);
  });
});
