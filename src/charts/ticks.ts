/** Domains and tick choices of the line chart's log axes. */

/** Smallest and largest usable value (finite; positive on a log axis), or null when none. */
export type Bounds = readonly [number, number] | null;

export function boundsOf(values: Iterable<number>, log: boolean): Bounds {
  // A loop, not Math.min(...values): spreading 65 000 values overflows the call stack.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

export function mergeBounds(a: Bounds, b: Bounds): Bounds {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

/** An axis domain around the bounds, with a margin (a default one when there is no data). */
export function paddedDomain(b: Bounds, log: boolean): [number, number] {
  if (!b) return log ? [1, 10] : [0, 1];
  let [lo, hi] = b;
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  if (!log) return [Math.min(0, lo), hi * 1.05];
  // A margin that grows with the span, so a marker at either end stays inside the plot even when
  // the axis covers many decades (the frontier's errors run from 1e-8 to 1).
  const pad = 10 ** Math.max(Math.log10(1.3), 0.04 * Math.log10(hi / lo));
  return [lo / pad, hi * pad];
}

export const extent = (values: number[], log: boolean): [number, number] =>
  paddedDomain(boundsOf(values, log), log);

/** Powers of two inside the domain, every other one when they would crowd (≥ 44 px apart). */
export function pow2Ticks([lo, hi]: number[], innerW: number): number[] {
  const all: number[] = [];
  for (let e = Math.ceil(Math.log2(lo)); e <= Math.floor(Math.log2(hi)); e++) all.push(2 ** e);
  const room = Math.max(1, Math.floor(innerW / 44));
  const stride = Math.max(1, Math.ceil(all.length / room));
  return all.filter((_, i) => (all.length - 1 - i) % stride === 0);
}

/** Decades when the range spans two or more; else 1-2-5 steps, thinned to fit the width. */
export function autoTicks(all: number[], innerW: number): number[] {
  const decades = all.filter((t) => Math.abs(Math.log10(t) % 1) < 1e-9);
  if (decades.length >= 2) return decades;
  const lead = (t: number) => Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9));
  const nice = all.filter((t) => [1, 2, 5].includes(lead(t)));
  const picked = nice.length >= 2 ? nice : all;
  const room = Math.max(2, Math.floor(innerW / 60));
  const stride = Math.max(1, Math.ceil(picked.length / room));
  return picked.filter((_, i) => i % stride === 0);
}
