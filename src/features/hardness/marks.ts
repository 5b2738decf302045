import { schemeTableau10 } from 'd3';
import type { ChartSeries, HLine } from '../../charts/LineChart';
import type { EstimatorPoint } from '../../core/hardness/performerEstimator';
import { max } from '../../core/stats';
import type { BoundedEntriesPoint } from '../../engine/experiments/boundedEntries';
import { formatSig3 } from '../../shared/numberFormat';
import type { RankLimitResult } from '../../worker/hardnessProtocol';

/**
 * Chart data of the pure-math and bounded-entries figures: plain numbers in, series out (no
 * DOM). The charts compute these first and render second.
 */

const color = (i: number) => schemeTableau10[i % schemeTableau10.length];

export interface BoundedChart {
  variant: string;
  series: ChartSeries[];
  /** Per series id: error at the largest ratio ≥ 4 over the error at the smallest ≤ 1/4. */
  jumps: Map<string, number>;
}

/** Error ratio across the threshold: at B²/ln n = 4 over 1/4 (or the outermost ratios). */
export function thresholdJump(points: readonly { n: number; y: number }[]): number | null {
  const at = (x: number) => points.find((p) => p.n === x)?.y;
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const low = at(0.25) ?? sorted[0]?.y;
  const high = at(4) ?? sorted[sorted.length - 1]?.y;
  if (low === undefined || high === undefined || sorted.length < 2 || !(low > 0)) return null;
  return high / low;
}

/** One chart per variant (in the order the points list them), one series per n. */
export function boundedCharts(points: readonly BoundedEntriesPoint[]): BoundedChart[] {
  const variants = [...new Set(points.map((p) => p.variant))];
  const ns = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
  return variants.map((variant) => {
    const series: ChartSeries[] = ns.map((n, i) => ({
      id: `${variant}-${n}`,
      label: `n = ${n}, d = ${points.find((p) => p.n === n)?.d}`,
      color: color(i),
      points: points
        .filter((p) => p.variant === variant && p.n === n && Number.isFinite(p.maxAbsError))
        .map((p) => ({ n: p.ratio, y: Math.max(p.maxAbsError, 1e-12) }))
        .sort((a, b) => a.n - b.n),
    }));
    const jumps = new Map<string, number>();
    for (const s of series) {
      const j = thresholdJump(s.points);
      if (j !== null) jumps.set(s.id, j);
    }
    return { variant, series, jumps };
  });
}

/** B²/ln n on the axis: 0.125 → "1/8", 2 → "2". */
export function formatRatio(x: number): string {
  if (x >= 1) return formatSig3(x);
  const inv = 1 / x;
  return Number.isInteger(Math.round(inv * 1e6) / 1e6) ? `1/${Math.round(inv)}` : x.toPrecision(2);
}

/** Measured relative MSE per m (solid) and its closed form (dashed, hidden with it). */
export function performerSeries(
  series: readonly { m: number; points: readonly EstimatorPoint[] }[],
): ChartSeries[] {
  return series.flatMap(({ m, points }, i) => {
    const id = `m${m}`;
    const measured = points.filter((p) => p.measured > 0);
    return [
      {
        id,
        label: `m = ${m}`,
        color: color(i),
        points: measured.map((p) => ({ n: p.normSq, y: p.measured })),
      },
      {
        id: `${id}-closed`,
        label: `m = ${m}, closed form`,
        color: color(i),
        dashed: true,
        partOf: id,
        points: points.map((p) => ({ n: p.normSq, y: p.closedForm })),
      },
    ];
  });
}

/** Largest |measured − closed| / closed over the points with ‖x+y‖² ≤ maxNormSq. */
export function worstDeviation(points: readonly EstimatorPoint[], maxNormSq: number): number {
  const used = points.filter((p) => p.normSq <= maxNormSq);
  if (used.length === 0) return Number.NaN;
  return max(used.map((p) => Math.abs(p.measured - p.closedForm) / p.closedForm));
}

/** Softmax's error against the temperature, and the rank-m floor (and √(n − m)) as lines. */
export function rankMarks(
  r: RankLimitResult,
  m: number,
): { series: ChartSeries[]; hLines: HLine[] } {
  const series: ChartSeries[] = [
    {
      id: 'softmax',
      label: 'softmax at temperature τ',
      color: color(0),
      points: r.softmax.map((s) => ({ n: s.tau, y: Math.max(s.error, 1e-12) })),
    },
  ];
  const hLines: HLine[] = [
    {
      y: r.bestError,
      label: `rank-${m} floor ${formatSig3(r.bestError)}`,
      labelSide: 'left',
    },
  ];
  // For I and the shift the floor is √(n − m); for the band it lies below, so draw both.
  if (Math.abs(r.bound - r.bestError) > 1e-6 * r.bound) {
    hLines.push({ y: r.bound, label: `√(n − m) = ${formatSig3(r.bound)}`, labelSide: 'left' });
  } else {
    hLines[0].label += ` = √(n − m)`;
  }
  return { series, hLines };
}

/** The largest τ at which softmax beats the best rank-m error (null: never at these τ). */
export function crossingTau(r: RankLimitResult): number | null {
  const below = r.softmax.filter((s) => s.error < r.bestError).map((s) => s.tau);
  return below.length > 0 ? max(below) : null;
}
