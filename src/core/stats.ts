/** Summary statistics of timing samples (pure; no tfjs). Empty input is a programming error. */

function nonEmpty(xs: readonly number[], what: string): void {
  if (xs.length === 0) throw new RangeError(`${what} of an empty list`);
}

export function min(xs: readonly number[]): number {
  nonEmpty(xs, 'min');
  return xs.reduce((a, b) => Math.min(a, b));
}

export function max(xs: readonly number[]): number {
  nonEmpty(xs, 'max');
  return xs.reduce((a, b) => Math.max(a, b));
}

export function mean(xs: readonly number[]): number {
  nonEmpty(xs, 'mean');
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * The q-quantile, 0 ≤ q ≤ 1, by linear interpolation between order statistics (the
 * "type 7" rule of R and NumPy's default): quantile(xs, 0.5) is the median.
 */
export function quantile(xs: readonly number[], q: number): number {
  nonEmpty(xs, 'quantile');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  const sorted = [...xs].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Middle value; the mean of the two middle values for an even count. */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  mean: number;
  count: number;
}

export function summarize(xs: readonly number[]): Summary {
  return { median: median(xs), min: min(xs), max: max(xs), mean: mean(xs), count: xs.length };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(xs: readonly number[]): Spread {
  return { median: median(xs), min: min(xs), max: max(xs) };
}
