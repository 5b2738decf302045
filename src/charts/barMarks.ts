import { scaleBand, scaleLinear } from 'd3';

/**
 * Marks of a grouped bar chart (categories along x, one bar per series in each group, linear
 * y from 0), computed before rendering so they can be tested without a DOM.
 */

export interface BarSeries {
  id: string;
  label: string;
  color: string;
  /** One value per category; NaN leaves a gap. */
  values: number[];
}

export interface BarMark {
  key: string;
  series: string;
  category: string;
  value: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BarMarks {
  innerW: number;
  innerH: number;
  bars: BarMark[];
  yTicks: { value: number; y: number; label: string }[];
  xLabels: { x: number; label: string }[];
}

export const BAR_MARGIN = { top: 10, right: 8, bottom: 26, left: 52 };

export function barMarks(
  categories: readonly string[],
  series: readonly BarSeries[],
  width: number,
  height: number,
  format?: (v: number) => string,
): BarMarks {
  const innerW = Math.max(60, width - BAR_MARGIN.left - BAR_MARGIN.right);
  const innerH = Math.max(40, height - BAR_MARGIN.top - BAR_MARGIN.bottom);
  const finite = series.flatMap((s) => s.values.filter(Number.isFinite));
  const lo = Math.min(0, ...finite);
  const hi = Math.max(lo + 1e-12, ...finite);
  const y = scaleLinear().domain([lo, hi]).nice(4).range([innerH, 0]);
  const x = scaleBand<string>()
    .domain(categories)
    .range([0, innerW])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const inner = scaleBand<string>()
    .domain(series.map((s) => s.id))
    .range([0, x.bandwidth()])
    .padding(0.08);
  const bars: BarMark[] = [];
  for (const s of series) {
    s.values.forEach((value, i) => {
      const category = categories[i];
      if (!Number.isFinite(value) || category === undefined) return;
      const top = y(Math.max(0, value));
      const bottom = y(Math.min(0, value));
      bars.push({
        key: `${s.id}:${i}`,
        series: s.id,
        category,
        value,
        x: (x(category) ?? 0) + (inner(s.id) ?? 0),
        y: top,
        w: inner.bandwidth(),
        h: Math.max(0.5, bottom - top),
      });
    });
  }
  // Thin the category labels when they would collide (about 7 px per character).
  const longest = Math.max(1, ...categories.map((c) => c.length));
  const stride = Math.max(1, Math.ceil((longest * 7 + 6) / Math.max(1, x.step())));
  return {
    innerW,
    innerH,
    bars,
    yTicks: y
      .ticks(4)
      .map((value) => ({ value, y: y(value), label: (format ?? y.tickFormat(4))(value) })),
    xLabels: categories
      .map((label, i) => ({ x: (x(label) ?? 0) + x.bandwidth() / 2, label, i }))
      .filter((l) => l.i % stride === 0)
      .map(({ x: at, label }) => ({ x: at, label })),
  };
}
