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
  let bucket: SeriesPoint[] = [];
  let key = Number.NaN;
  const flush = () => {
    if (bucket.length === 0) return;
    let lo = bucket[0];
    let hi = bucket[0];
    for (const p of bucket) {
      if (p.y < lo.y) lo = p;
      if (p.y > hi.y) hi = p;
    }
    const keep = new Set([bucket[0], lo, hi, bucket[bucket.length - 1]]);
    for (const p of bucket) if (keep.has(p)) out.push(p);
    bucket = [];
  };
  for (const p of points) {
    const k = Math.round(xOf(p.n) * 2);
    if (k !== key) {
      flush();
      key = k;
    }
    bucket.push(p);
  }
  flush();
  return out;
}
