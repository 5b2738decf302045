import { max, min } from './stats';

/** Least-squares line fits, used for the empirical exponent of time against n (pure; no tfjs). */

export interface LineFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination 1 − SSres/SStot (1 when every y is equal and fitted exactly). */
  r2: number;
}

/** Ordinary least squares y ≈ slope·x + intercept. Needs ≥ 2 points with distinct x. */
export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit {
  if (xs.length !== ys.length) {
    throw new RangeError(`fitLine: ${xs.length} x values but ${ys.length} y values`);
  }
  if (xs.length < 2) throw new RangeError('fitLine needs at least 2 points');
  const count = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / count;
  const my = ys.reduce((a, b) => a + b, 0) / count;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < count; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new RangeError('fitLine needs at least 2 distinct x values');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssRes = 0;
  for (let i = 0; i < count; i++) {
    const r = ys[i] - (slope * xs[i] + intercept);
    ssRes += r * r;
  }
  const r2 = syy === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / syy;
  return { slope, intercept, r2 };
}

/**
 * Fit log(t) = slope·log(n) + intercept (natural logs): t ≈ e^intercept · n^slope, so the slope
 * is the empirical exponent (2 for quadratic time). Every n and t must be positive and finite.
 */
export function fitLogLog(ns: readonly number[], ts: readonly number[]): LineFit {
  const check = (xs: readonly number[], what: string) => {
    for (const x of xs) {
      if (!(Number.isFinite(x) && x > 0)) {
        throw new RangeError(`fitLogLog: every ${what} must be positive and finite, got ${x}`);
      }
    }
  };
  check(ns, 'n');
  check(ts, 'time');
  return fitLine(ns.map(Math.log), ts.map(Math.log));
}

/** A fitted exponent over the points of a range, or null slope when fewer than two points. */
export interface ExponentFit {
  slope: number | null;
  intercept: number | null;
  r2: number | null;
  /** Points used and the n range they span (null when none). */
  points: number;
  nMin: number | null;
  nMax: number | null;
}

/**
 * Exponent of time in n from (n, ms) points with nMin ≤ n ≤ nMax; points with a non-positive or
 * non-finite time are skipped. Fewer than two distinct n give a null slope, never a throw.
 */
export function fitExponent(
  points: readonly { n: number; ms: number }[],
  nMin = 0,
  nMax = Number.POSITIVE_INFINITY,
): ExponentFit {
  const used = points.filter(
    (p) => p.n >= nMin && p.n <= nMax && p.n > 0 && Number.isFinite(p.ms) && p.ms > 0,
  );
  const ns = used.map((p) => p.n);
  const range = {
    points: used.length,
    nMin: used.length ? min(ns) : null,
    nMax: used.length ? max(ns) : null,
  };
  if (new Set(ns).size < 2) return { slope: null, intercept: null, r2: null, ...range };
  const f = fitLogLog(
    ns,
    used.map((p) => p.ms),
  );
  return { slope: f.slope, intercept: f.intercept, r2: f.r2, ...range };
}

/** A log-log fit with the number of points it used. */
export interface PowerFit extends LineFit {
  points: number;
}

/**
 * Exponent of y in n, skipping points where n or y is non-positive or non-finite; null with
 * fewer than two usable points or a single distinct n (for charts, where gaps are normal).
 */
export function logLogSlope(ns: readonly number[], ys: readonly number[]): PowerFit | null {
  const pts = ns
    .map((n, i) => [n, ys[i]] as const)
    .filter(([n, y]) => Number.isFinite(n) && Number.isFinite(y) && n > 0 && y > 0);
  if (new Set(pts.map(([n]) => n)).size < 2) return null;
  const fit = fitLogLog(
    pts.map(([n]) => n),
    pts.map(([, y]) => y),
  );
  return { ...fit, points: pts.length };
}

/**
 * How many of a variant's largest n its headline exponent uses. Fixed before measuring: at small
 * n fixed per-call costs (dispatch, read-back) flatten every curve, so a whole-range fit measures
 * overhead; the top three n are where the kernels' own work dominates.
 */
export const LARGE_N_POINTS = 3;

/**
 * The large-n exponent: log-log least squares over the `count` largest distinct n that have a
 * usable time (all of them when there are fewer). Null slope with fewer than two such n.
 */
export function largeNExponent(
  points: readonly { n: number; ms: number }[],
  count = LARGE_N_POINTS,
): ExponentFit {
  if (!(Number.isInteger(count) && count >= 2)) {
    throw new RangeError(`largeNExponent: count must be an integer ≥ 2, got ${count}`);
  }
  const usable = points.filter((p) => p.n > 0 && Number.isFinite(p.ms) && p.ms > 0);
  const top = [...new Set(usable.map((p) => p.n))].sort((a, b) => b - a).slice(0, count);
  return fitExponent(usable, top.length > 0 ? min(top) : 0);
}
