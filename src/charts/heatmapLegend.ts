import { scaleLinear } from 'd3';
import { type HeatmapScale, interpolatorOf } from './heatmapScale';

/**
 * The colour legend of a heatmap as plain marks: gradient stops for an SVG linearGradient and
 * ticks placed along a bar of a given width. Diverging legends always show 0 (the midpoint).
 */

export interface GradientStop {
  /** 0..1 along the bar. */
  offset: number;
  color: string;
}

export interface LegendTick {
  value: number;
  /** Pixels from the bar's left end. */
  x: number;
  label: string;
}

export function legendStops(scale: HeatmapScale, count = 11): GradientStop[] {
  const interpolate = interpolatorOf(scale);
  const n = Math.max(2, count);
  return Array.from({ length: n }, (_, i) => {
    const offset = i / (n - 1);
    return { offset, color: interpolate(offset) };
  });
}

/**
 * About one tick per 50 px (d3's round numbers and their short format unless `format` or
 * `values` are given); a diverging legend always includes 0.
 */
export function legendTicks(
  scale: HeatmapScale,
  domain: readonly [number, number],
  width: number,
  format?: (v: number) => string,
  values?: readonly number[],
): LegendTick[] {
  const x = scaleLinear().domain(domain).range([0, width]);
  const count = Math.max(2, Math.min(6, Math.floor(width / 50)));
  let ticks = values ? [...values] : x.ticks(count);
  if (scale === 'diverging' && !ticks.includes(0)) ticks = [...ticks, 0].sort((a, b) => a - b);
  const label = format ?? x.tickFormat(count);
  return ticks.map((value) => ({ value, x: x(value), label: label(value) }));
}
