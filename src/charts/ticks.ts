/** Domains and tick choices of the line chart's log axes. */

export function extent(values: number[], log: boolean): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (finite.length === 0) return log ? [1, 10] : [0, 1];
  // A loop, not Math.min(...finite): spreading 65 000 values overflows the call stack.
  let lo = finite[0];
  let hi = finite[0];
  for (const v of finite) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  return log ? [lo / 1.3, hi * 1.3] : [Math.min(0, lo), hi * 1.05];
}

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
