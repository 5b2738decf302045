import { describe, expect, it } from 'vitest';
import {
  crossover,
  errorSeries,
  fittedExponent,
  lastStep,
  type MeasuredPoint,
  paretoFrontier,
  theoryCurve,
  timeSeries,
} from './series';

const rows: MeasuredPoint[] = [
  { variant: 'dense', n: 512, msMedian: 4, msMin: 3, msMax: 5, relError: 0 },
  { variant: 'dense', n: 256, msMedian: 1, msMin: 1, msMax: 2, relError: 0 },
  { variant: 'dense', n: 1024, msMedian: 16, msMin: 15, msMax: 17, relError: 0 },
  { variant: 'linear', n: 256, msMedian: 2, relError: 0.5 },
  { variant: 'linear', n: 512, msMedian: 4, relError: 0.4 },
  { variant: 'linear', n: 1024, msMedian: 8, relError: 0.3 },
  { variant: 'nystrom', n: 256, refused: 'm must divide n' },
];

describe('series', () => {
  it('groups by variant, sorts by n, keeps whiskers and drops refused points', () => {
    const s = timeSeries(rows);
    expect(s.map((x) => x.variant)).toEqual(['dense', 'linear']);
    expect(s[0].points.map((p) => p.n)).toEqual([256, 512, 1024]);
    expect(s[0].points[1]).toEqual({ n: 512, y: 4, lo: 3, hi: 5 });
  });

  it('drops zero errors, which a log axis cannot show', () => {
    expect(errorSeries(rows).map((x) => x.variant)).toEqual(['linear']);
  });

  it('fits the exponent of each series', () => {
    const [dense, linear] = timeSeries(rows);
    expect(fittedExponent(dense)).toBeCloseTo(2, 10);
    expect(fittedExponent(linear)).toBeCloseTo(1, 10);
  });

  it('scales the theory curve through the last measured point, from the first n on', () => {
    const [dense] = timeSeries(rows);
    const curve = theoryCurve(dense, (n) => n * n, [128, 256, 512, 2048]);
    expect(curve).toEqual([
      { n: 256, y: 1 },
      { n: 512, y: 4 },
      { n: 2048, y: 64 },
    ]);
  });

  it('anchors the theory curve at the largest n, so a fixed cost shows as a gap at small n', () => {
    // 10 ms fixed cost + n² / 65536 ms: the curve passes through the last point only.
    const s = {
      variant: 'dense',
      points: [256, 512, 1024].map((n) => ({ n, y: 10 + (n * n) / 65536 })),
    };
    const curve = theoryCurve(s, (n) => n * n, [256, 512, 1024]);
    expect(curve[2].y).toBeCloseTo(26, 10);
    expect(curve[0].y).toBeCloseTo(26 / 16, 10);
    expect(curve[0].y).toBeLessThan(s.points[0].y);
  });

  it('measures the slope over the last step of n, nearer the kernel exponent than the whole fit', () => {
    const s = {
      variant: 'dense',
      points: [64, 128, 256, 512, 1024].map((n) => ({ n, y: 10 + (n * n) / 4096 })),
    };
    const last = lastStep(s);
    expect(last).toMatchObject({ from: 512, to: 1024 });
    expect(last?.slope).toBeCloseTo(Math.log2(266 / 74), 10);
    expect(last?.slope).toBeGreaterThan(fittedExponent(s) ?? Number.POSITIVE_INFINITY);
    expect(lastStep({ variant: 'x', points: [{ n: 64, y: 1 }] })).toBeNull();
  });
});

describe('crossover', () => {
  const [dense, linear] = timeSeries(rows);
  it('interpolates the n where a variant overtakes dense in log-log', () => {
    // linear/dense = 2, 1, 0.5 at 256, 512, 1024: equal at 512, below from there on.
    const c = crossover(
      {
        variant: 'x',
        points: [
          { n: 256, y: 2 },
          { n: 512, y: 4.0001 },
          { n: 1024, y: 8 },
        ],
      },
      dense,
    );
    expect(c.kind).toBe('at');
    if (c.kind === 'at') {
      expect(c.n).toBeGreaterThan(512);
      expect(c.n).toBeLessThan(520);
    }
    expect(crossover(linear, dense).kind).toBe('at');
  });

  it('says when a variant is faster everywhere, never, or not comparable', () => {
    expect(crossover({ variant: 'a', points: [{ n: 256, y: 0.5 }] }, dense)).toEqual({
      kind: 'always-faster',
    });
    expect(
      crossover(
        {
          variant: 'b',
          points: [
            { n: 256, y: 5 },
            { n: 1024, y: 50 },
          ],
        },
        dense,
      ),
    ).toEqual({ kind: 'never' });
    expect(crossover({ variant: 'c', points: [{ n: 64, y: 1 }] }, dense)).toEqual({
      kind: 'unknown',
    });
  });
});

describe('paretoFrontier', () => {
  it('keeps the points no other point beats on both time and error', () => {
    const pts = [
      { id: 'a', ms: 1, error: 0.9 },
      { id: 'b', ms: 2, error: 0.5 },
      { id: 'c', ms: 3, error: 0.6 },
      { id: 'd', ms: 4, error: 0.1 },
    ];
    expect(paretoFrontier(pts).map((p) => p.id)).toEqual(['a', 'b', 'd']);
  });
});
