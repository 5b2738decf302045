import type { SeriesPoint } from './data/series';

/**
 * The points of a line worth drawing at the chart's resolution: a line ~700 px wide cannot show
 * 8000 points, and a path of them costs the page seconds. Points are bucketed by half a pixel
 * of x; each bucket keeps its first, lowest, highest and last point (in n order), so spikes and
 * the line's ends survive. Lines of at most `2 × width` points come back as they are.
 */
export function thinPoints(
  points: readonly SeriesPoint[],
  xOf: (n: number) => number,
  width: number,
): readonly SeriesPoint[] {
  if (points.length <= 2 * width) return points;
  const out: SeriesPoint[] = [];
  // A bucket is points[from..to]; its first, lowest, highest and last points are kept in n order.
  const flush = (from: number, to: number) => {
    let lo = from;
    let hi = from;
    for (let i = from + 1; i <= to; i++) {
      if (points[i].y < points[lo].y) lo = i;
      if (points[i].y > points[hi].y) hi = i;
    }
    let last = -1;
    for (const i of [from, Math.min(lo, hi), Math.max(lo, hi), to]) {
      if (i > last) out.push(points[i]);
      last = Math.max(last, i);
    }
  };
  let from = 0;
  let key = Math.round(xOf(points[0].n) * 2);
  for (let i = 1; i < points.length; i++) {
    const k = Math.round(xOf(points[i].n) * 2);
    if (k === key) continue;
    flush(from, i - 1);
    from = i;
    key = k;
  }
  flush(from, points.length - 1);
  return out;
}
