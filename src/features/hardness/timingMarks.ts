import { type MeasuredPoint, type Series, seriesBy, timeSeries } from '../../charts/data/series';
import type { ChartSeries } from '../../charts/LineChart';
import { variantColor, variantShape } from '../../charts/palette';
import { fitExponent } from '../../core/fit';
import { isMeasured, type SweepRow } from '../../engine/results';
import { formatSig3 } from '../../shared/numberFormat';
import type { ModPoint } from '../../worker/hardnessProtocol';
import { measuredPoint } from '../complexity';

/**
 * Chart data of the timing figures (FLOPs vs memory, Mixture-of-Depths): measured rows in,
 * series and fitted exponents out. Exponents are fitted over the three largest n, the rule the
 * bench uses: below n ≈ 512 fixed per-kernel costs flatten every curve.
 */

export const FIT_POINTS = 3;

/** Exponent of y in n over the `FIT_POINTS` largest n of a series (null with < 2 points). */
export function tailExponent(points: readonly { n: number; y: number }[]): number | null {
  const ns = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
  const nMin = ns[Math.max(0, ns.length - FIT_POINTS)] ?? 0;
  return fitExponent(
    points.map((p) => ({ n: p.n, ms: p.y })),
    nMin,
  ).slope;
}

const measured = (rows: readonly SweepRow[]): MeasuredPoint[] =>
  rows.filter(isMeasured).map(measuredPoint);

const LABELS: Record<string, string> = {
  dense: 'dense',
  flash: 'flash (tiled)',
  fused: 'fused (WGSL)',
};
const toChart = (s: Series, over: Partial<ChartSeries> = {}): ChartSeries => ({
  id: s.variant,
  label: LABELS[s.variant] ?? s.variant,
  color: variantColor(s.variant),
  shape: variantShape(s.variant),
  points: s.points,
  ...over,
});

export interface FlopsMarks {
  flops: ChartSeries[];
  memory: ChartSeries[];
  time: ChartSeries[];
  /** Fitted exponent per variant: of measured time, of analytic FLOPs, of peak bytes. */
  exponents: Map<string, { time: number | null; flops: number | null; memory: number | null }>;
}

export function flopsMarks(rows: readonly SweepRow[]): FlopsMarks {
  const pts = measured(rows);
  const flops = seriesBy(pts, (p) => ({ y: p.flops }));
  const peak = seriesBy(pts, (p) => ({ y: p.peakBytes && p.peakBytes > 0 ? p.peakBytes : null }));
  const analytic = seriesBy(pts, (p) => ({ y: p.analyticBytes }));
  const time = timeSeries(pts);
  const exponents = new Map<
    string,
    { time: number | null; flops: number | null; memory: number | null }
  >();
  for (const s of time) {
    const of = (list: Series[]) => {
      const found = list.find((x) => x.variant === s.variant);
      return found ? tailExponent(found.points) : null;
    };
    exponents.set(s.variant, { time: tailExponent(s.points), flops: of(flops), memory: of(peak) });
  }
  return {
    flops: flops.map((s) => toChart(s)),
    memory: [
      ...peak.map((s) => toChart(s)),
      ...analytic.map((s) =>
        toChart(s, { id: `${s.variant}-analytic`, partOf: s.variant, dashed: true }),
      ),
    ],
    time: time.map((s) => toChart(s)),
    exponents,
  };
}

export interface ModMarks {
  series: ChartSeries[];
  exponents: { full: number | null; routed: number | null; routedFlops: number | null };
  /** Measured routed/full time at the largest n, beside (C/S)². */
  ratioAtLargest: { n: number; measured: number; theory: number } | null;
}

export function modMarks(points: readonly ModPoint[], capacity: number): ModMarks {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const time = (t: ModPoint['full']) => ({ y: t.msMedian, lo: t.msMin, hi: t.msMax });
  const full = sorted.map((p) => ({ n: p.n, ...time(p.full) }));
  const routed = sorted.map((p) => ({ n: p.n, ...time(p.routedTime) }));
  const pct = `${capacity * 100}%`;
  const series: ChartSeries[] = [
    {
      id: 'full',
      label: 'full (all S tokens)',
      color: variantColor('dense'),
      points: full,
    },
    {
      id: 'routed',
      label: `routed (top ${pct})`,
      color: variantColor('flash'),
      points: routed,
    },
    {
      id: 'theory',
      label: `(C/S)² × full = ${formatSig3(capacity * capacity)} × full`,
      color: variantColor('flash'),
      dashed: true,
      points: full.map((p) => ({ n: p.n, y: p.y * capacity * capacity })),
    },
  ];
  const last = sorted[sorted.length - 1];
  return {
    series,
    exponents: {
      full: tailExponent(full),
      routed: tailExponent(routed),
      routedFlops: tailExponent(sorted.map((p) => ({ n: p.n, y: p.routedFlops }))),
    },
    ratioAtLargest: last
      ? {
          n: last.n,
          measured: last.routedTime.msMedian / last.full.msMedian,
          theory: capacity * capacity,
        }
      : null,
  };
}

/** FLOPs on an axis: 1.07e6 → "1.07 M", 4.3e9 → "4.3 G". */
export function formatFlops(x: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const [scale, unit] = units.find(([s]) => x >= s) ?? [1, ''];
  return `${Number((x / scale).toPrecision(3))}${unit ? ` ${unit}` : ''}`;
}
