import { interpolateBlues, interpolateRdBu, color as parseColor } from 'd3';

/**
 * Colour maths of the heatmap, free of the DOM: the value domain, value → colour, and the RGBA
 * pixels of a matrix (one pixel per cell) with masked cells left transparent, so the hatch
 * drawn beneath shows them as masked rather than as zeros.
 */

export type HeatmapScale = 'sequential' | 'diverging';
export type Rgb = [r: number, g: number, b: number];
export type MaskFn = (row: number, col: number) => boolean;

/** Sequential runs from a near-white blue (low) to dark blue (high); starts above 0 so 0 is not pure white. */
const SEQUENTIAL = (t: number) => interpolateBlues(0.04 + 0.96 * t);
/** Diverging: blue for negative, white at 0, red for positive (RdBu reversed). */
const DIVERGING = (t: number) => interpolateRdBu(1 - t);

export function interpolatorOf(scale: HeatmapScale): (t: number) => string {
  return scale === 'sequential' ? SEQUENTIAL : DIVERGING;
}

/**
 * The domain the colours span. A given domain wins. Sequential: [min(0, lo), hi] over the
 * unmasked finite values. Diverging: symmetric [−m, m], m = largest |v|, so 0 is the midpoint.
 * Degenerate inputs (no values, all equal to 0) still give a non-empty range.
 */
export function heatmapDomain(
  scale: HeatmapScale,
  rows: number,
  cols: number,
  values: ArrayLike<number>,
  masked?: MaskFn,
  domain?: readonly [number, number],
): [number, number] {
  if (domain && domain[1] > domain[0]) return [domain[0], domain[1]];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (masked?.(r, c)) continue;
      const v = values[r * cols + c];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return scale === 'sequential' ? [0, 1] : [-1, 1];
  if (scale === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    return m > 0 ? [-m, m] : [-1, 1];
  }
  const from = Math.min(0, lo);
  return hi > from ? [from, hi] : [from, from + 1];
}

/** Position of v in the domain, clamped to [0, 1]. */
export function unitOf(v: number, [lo, hi]: readonly [number, number]): number {
  const t = (v - lo) / (hi - lo);
  return Math.max(0, Math.min(1, t));
}

/**
 * Value → RGB through a 256-entry lookup table (fast enough to fill a canvas per render).
 */
export function colorMap(
  scale: HeatmapScale,
  domain: readonly [number, number],
): (v: number) => Rgb {
  const interpolate = interpolatorOf(scale);
  const table: Rgb[] = [];
  for (let i = 0; i < 256; i++) {
    const c = parseColor(interpolate(i / 255))?.rgb();
    table.push(c ? [Math.round(c.r), Math.round(c.g), Math.round(c.b)] : [0, 0, 0]);
  }
  return (v) => table[Math.round(unitOf(v, domain) * 255)];
}

/** The matrix as RGBA bytes, row-major; masked and non-finite cells transparent (alpha 0). */
export function heatmapPixels(
  rows: number,
  cols: number,
  values: ArrayLike<number>,
  toRgb: (v: number) => Rgb,
  masked?: MaskFn,
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rows * cols * 4);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const v = values[i];
      if (masked?.(r, c) || !Number.isFinite(v)) continue;
      const [red, green, blue] = toRgb(v);
      out[4 * i] = red;
      out[4 * i + 1] = green;
      out[4 * i + 2] = blue;
      out[4 * i + 3] = 255;
    }
  }
  return out;
}

/** The causal mask: a query (row) cannot see later keys (columns). */
export const causalMask: MaskFn = (row, col) => col > row;

/** Exact-enough numbers for a readout: 4 significant digits, exponent form for tiny ones. */
export function formatCellValue(v: number): string {
  if (!Number.isFinite(v)) return 'no value';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? v.toPrecision(4) : v.toExponential(3);
}
