import { scaleLinear } from 'd3';

/**
 * Marks of a waterfall: each part is a bar from the running total before it to the running
 * total after it, so negative parts point back; a last bar shows the sum from 0. For additive
 * shares of the residual stream the sum is 1 (REFERENCE.md §4).
 */

export interface WaterfallPart {
  label: string;
  value: number;
}

export interface WaterfallRow {
  label: string;
  value: number;
  /** Pixel span of the bar (x0 ≤ x1). */
  x0: number;
  x1: number;
  /** Running total after this part. */
  end: number;
  sign: 'pos' | 'neg' | 'sum';
}

export interface WaterfallMarks {
  rows: WaterfallRow[];
  total: number;
  zeroX: number;
  ticks: { value: number; x: number }[];
}

export function waterfallMarks(parts: readonly WaterfallPart[], innerW: number): WaterfallMarks {
  let run = 0;
  const spans = parts.map((p) => {
    const start = run;
    run += p.value;
    return { ...p, start, end: run };
  });
  const total = run;
  const ends = spans.flatMap((s) => [s.start, s.end]);
  const lo = Math.min(0, total, ...ends);
  const hi = Math.max(0, total, ...ends);
  const x = scaleLinear()
    .domain([lo, hi > lo ? hi : lo + 1])
    .nice(5)
    .range([0, innerW]);
  const rows: WaterfallRow[] = spans.map((s) => ({
    label: s.label,
    value: s.value,
    x0: x(Math.min(s.start, s.end)),
    x1: x(Math.max(s.start, s.end)),
    end: s.end,
    sign: s.value < 0 ? 'neg' : 'pos',
  }));
  rows.push({
    label: 'sum',
    value: total,
    x0: x(Math.min(0, total)),
    x1: x(Math.max(0, total)),
    end: total,
    sign: 'sum',
  });
  return { rows, total, zeroX: x(0), ticks: x.ticks(5).map((value) => ({ value, x: x(value) })) };
}
