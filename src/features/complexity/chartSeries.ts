import {
  crossover,
  errorSeries,
  type MeasuredPoint,
  memorySeries,
  type Series,
  theoryCurve,
  timeSeries,
} from '../../charts/data/series';
import type { ChartSeries, Marker } from '../../charts/LineChart';
import { variantColor, variantShape } from '../../charts/palette';
import { largeNExponent } from '../../core/fit';
import { findSpec } from '../../core/variantSpecs';
import { formatExponent, formatN } from '../../shared/numberFormat';
import type { ComplexityChartsProps, SweepShape } from './ComplexityCharts';

/** Series of the complexity charts: colours, theory curves, crossovers, a compared run. */

type ChartRows = ComplexityChartsProps['rows'];

/** A variant's display label ("Dense", "Flash"…), its id when the spec is unknown. */
export const variantLabel = (id: string) => findSpec(id)?.label ?? id;
const label = variantLabel;

const PICK = { time: timeSeries, memory: memorySeries, error: errorSeries };

/** A second run's series on a chart: "<variant> (B)", dashed, in the variant's colour. */
export function comparisonSeries(
  rows: readonly MeasuredPoint[] | undefined,
  kind: keyof typeof PICK,
): ChartSeries[] {
  if (!rows) return [];
  return PICK[kind](rows).map((s) => ({
    id: `${s.variant}:B`,
    label: `${variantLabel(s.variant)} (B)`,
    color: variantColor(s.variant),
    shape: variantShape(s.variant),
    points: s.points,
    dashed: true,
  }));
}

export function withColors(series: Series[], suffix = ''): ChartSeries[] {
  return series.map((s) => ({
    id: s.variant + suffix,
    label: label(s.variant),
    color: variantColor(s.variant),
    shape: variantShape(s.variant),
    points: s.points,
  }));
}

/** Points a smooth curve needs: at most this many n, evenly spread in log n. */
const THEORY_POINTS = 128;

/** Sorted ns thinned to at most THEORY_POINTS, evenly in log n; the first and last kept. */
export function logSpaced(ns: readonly number[], most = THEORY_POINTS): readonly number[] {
  if (ns.length <= most) return ns;
  const lo = Math.log(ns[0]);
  const span = Math.log(ns[ns.length - 1]) - lo;
  const picked: number[] = [];
  let last = -1;
  for (const n of ns) {
    const slot = Math.floor(((Math.log(n) - lo) / span) * (most - 1));
    if (slot > last) picked.push(n);
    last = Math.max(last, slot);
  }
  if (picked.at(-1) !== ns[ns.length - 1]) picked.push(ns[ns.length - 1]);
  return picked;
}

/**
 * FLOPs at any n from the FLOPs rows record at theirs, a power law between neighbours (exact
 * for a stated cost such as n² d; the last piece extends past the ends). For a variant the app
 * has no formula for: the researcher's own kernel, whose rows hold its stated cost.
 */
export function recordedFlops(points: readonly { n: number; flops: number }[]) {
  const pts = [...points].sort((a, b) => a.n - b.n);
  return (n: number): number => {
    if (pts.length === 1) return pts[0].flops;
    // The piece that holds n: its right end is the first point at or past n (the ends extend).
    let i = pts.findIndex((p) => p.n >= n);
    if (i < 0) i = pts.length - 1;
    if (i === 0) i = 1;
    const [a, b] = [pts[i - 1], pts[i]];
    const slope = Math.log(b.flops / a.flops) / Math.log(b.n / a.n);
    return a.flops * (n / a.n) ** slope;
  };
}

/** The FLOPs of a variant at any n: its spec's formula, else what its rows recorded. */
function flopsOf(rows: ChartRows, variant: string, shape: SweepShape) {
  const measured = rows.filter((r) => r.variant === variant && !r.refused);
  const spec = findSpec(variant);
  if (spec && measured.length > 0) {
    const params = measured[0].params;
    return (n: number) => spec.cost({ ...shape, n }, params).flops;
  }
  const points = measured.flatMap((r) => (r.flops ? [{ n: r.n, flops: r.flops }] : []));
  return points.length > 0 ? recordedFlops(points) : null;
}

/** Dashed curves of each variant's analytic FLOPs, scaled to its last measured time. */
export function theorySeries(rows: ChartRows, times: Series[], shape: SweepShape): ChartSeries[] {
  const ns = logSpaced([...new Set(rows.map((r) => r.n))].sort((a, b) => a - b));
  return times.flatMap((s) => {
    const flopsAt = flopsOf(rows, s.variant, shape);
    if (!flopsAt) return [];
    return [
      {
        id: `${s.variant}:theory`,
        partOf: s.variant,
        label: `${label(s.variant)} theory`,
        color: variantColor(s.variant),
        dashed: true,
        points: theoryCurve(s, flopsAt, ns),
      },
    ];
  });
}

export function crossoverMarkers(times: Series[]): Marker[] {
  const dense = times.find((s) => s.variant === 'dense');
  if (!dense) return [];
  return times.flatMap((s) => {
    if (s.variant === 'dense') return [];
    const c = crossover(s, dense);
    if (c.kind !== 'at') return [];
    // Mark on dense's line at the crossover n (interpolated in log-log).
    const pts = dense.points;
    const i = pts.findIndex((p) => p.n >= c.n);
    if (i <= 0) return [];
    const t = Math.log(c.n / pts[i - 1].n) / Math.log(pts[i].n / pts[i - 1].n);
    const y = Math.exp(Math.log(pts[i - 1].y) + t * (Math.log(pts[i].y) - Math.log(pts[i - 1].y)));
    return [
      {
        x: c.n,
        y,
        label: `${label(s.variant)} overtakes dense at n ≈ ${Math.round(c.n)}`,
        color: variantColor(s.variant),
      },
    ];
  });
}

/** A time series' legend note by the large-n rule: "n^1.97 over 2K–8K" (undefined below 2 n). */
export function largeNNote(s: Series): string | undefined {
  const fit = largeNExponent(s.points.map((p) => ({ n: p.n, ms: p.y })));
  if (fit.slope === null || fit.nMin === null || fit.nMax === null) return undefined;
  return `${formatExponent(fit.slope)} over ${formatN(fit.nMin)}–${formatN(fit.nMax)}`;
}
