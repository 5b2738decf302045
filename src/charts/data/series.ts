import { fitExponent } from '../../core/fit';

/**
 * Chart data for sweep results: plain numbers in, marks' data out. No DOM, no d3: the charts
 * compute these first and render second.
 */

/** One measured point of a sweep (what the engine's SweepRow carries, minus what charts ignore). */
export interface MeasuredPoint {
  variant: string;
  n: number;
  msMedian?: number;
  msMin?: number;
  msMax?: number;
  peakBytes?: number | null;
  analyticBytes?: number;
  flops?: number;
  relError?: number | null;
  refused?: string;
}

export interface SeriesPoint {
  n: number;
  y: number;
  lo?: number;
  hi?: number;
}

export interface Series {
  variant: string;
  points: SeriesPoint[];
}

type Pick = (p: MeasuredPoint) => { y?: number | null; lo?: number; hi?: number };

/** One series per variant (in first-seen order), points sorted by n, unmeasured points dropped. */
export function seriesBy(points: readonly MeasuredPoint[], pick: Pick): Series[] {
  const byVariant = new Map<string, SeriesPoint[]>();
  for (const p of points) {
    if (p.refused) continue;
    const { y, lo, hi } = pick(p);
    if (y === undefined || y === null || !Number.isFinite(y)) continue;
    const list = byVariant.get(p.variant) ?? [];
    list.push({ n: p.n, y, lo, hi });
    byVariant.set(p.variant, list);
  }
  return [...byVariant].map(([variant, pts]) => ({
    variant,
    points: pts.sort((a, b) => a.n - b.n),
  }));
}

export const timeSeries = (points: readonly MeasuredPoint[]) =>
  seriesBy(points, (p) => ({ y: p.msMedian, lo: p.msMin, hi: p.msMax }));

export const memorySeries = (points: readonly MeasuredPoint[]) =>
  seriesBy(points, (p) => ({ y: p.peakBytes }));

export const analyticMemorySeries = (points: readonly MeasuredPoint[]) =>
  seriesBy(points, (p) => ({ y: p.analyticBytes }));

/** Relative error against dense; dense itself (error 0) has no place on a log axis. */
export const errorSeries = (points: readonly MeasuredPoint[]) =>
  seriesBy(points, (p) => ({
    y: p.relError !== null && p.relError !== undefined && p.relError > 0 ? p.relError : null,
  }));

/** Fitted log-log exponent of a series, or null with fewer than two points. */
export function fittedExponent(series: Series): number | null {
  return fitExponent(series.points.map((p) => ({ n: p.n, ms: p.y }))).slope;
}

/**
 * The log-log slope over a series' last step of n (its two largest points, `from` → `to`), or
 * null with fewer than two. Fixed per-call costs (dispatch, read-back) flatten a whole-range fit
 * at small n; the last step is where the kernels' own work dominates, so its slope is nearer
 * their exponent.
 */
export function lastStep(series: Series): { slope: number; from: number; to: number } | null {
  const [a, b] = series.points.slice(-2);
  if (!a || !b || b.n === a.n || a.y <= 0 || b.y <= 0) return null;
  return { slope: Math.log(b.y / a.y) / Math.log(b.n / a.n), from: a.n, to: b.n };
}

/**
 * The theory curve of a variant: its analytic FLOPs at each n from its first measured point on,
 * scaled to pass through its last measured point (only the shape is theory, the level is
 * measured). Anchoring at the largest n, where the kernels' work dominates, leaves the gap at
 * small n to show the fixed per-call cost the formula does not count.
 */
export function theoryCurve(
  series: Series,
  flopsAt: (n: number) => number,
  ns: readonly number[],
): SeriesPoint[] {
  const first = series.points[0];
  const anchor = series.points.at(-1);
  if (!first || !anchor) return [];
  const scale = anchor.y / flopsAt(anchor.n);
  return ns.filter((n) => n >= first.n).map((n) => ({ n, y: scale * flopsAt(n) }));
}

export type Crossover =
  | { kind: 'at'; n: number }
  | { kind: 'always-faster' }
  | { kind: 'never' }
  | { kind: 'unknown' };

/**
 * Where a variant overtakes dense: the first n at which its median time drops below dense's,
 * interpolated in log-log between the measured n on either side.
 */
export function crossover(variant: Series, dense: Series): Crossover {
  const denseAt = new Map(dense.points.map((p) => [p.n, p.y]));
  const shared = variant.points.filter((p) => denseAt.has(p.n));
  if (shared.length === 0) return { kind: 'unknown' };
  const gap = (p: SeriesPoint) => Math.log(p.y) - Math.log(denseAt.get(p.n) ?? Number.NaN);
  if (gap(shared[0]) < 0) return { kind: 'always-faster' };
  for (let i = 1; i < shared.length; i++) {
    const a = gap(shared[i - 1]);
    const b = gap(shared[i]);
    if (a >= 0 && b < 0) {
      const t = a / (a - b);
      const logN =
        Math.log(shared[i - 1].n) + t * (Math.log(shared[i].n) - Math.log(shared[i - 1].n));
      return { kind: 'at', n: Math.exp(logN) };
    }
  }
  return { kind: 'never' };
}

/** Points not beaten on both time and error by another point (lower is better on both). */
export function paretoFrontier<T extends { ms: number; error: number }>(points: readonly T[]): T[] {
  const sorted = [...points].sort((a, b) => a.ms - b.ms || a.error - b.error);
  const frontier: T[] = [];
  let best = Infinity;
  for (const p of sorted) {
    if (p.error < best) {
      frontier.push(p);
      best = p.error;
    }
  }
  return frontier;
}
