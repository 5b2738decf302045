import type { ForwardTrace } from '../../core/model/trace';
import { max } from '../../core/stats';

/**
 * The model-specific depth views as matrices for the heatmap: AttnRes's α (rows: the input of
 * each sublayer, columns: the sources it may weigh; later sources masked), MoD's routing
 * (rows: routed layers, columns: tokens; 1 routed, 0 skipped), MoDA's mass on depth keys
 * (rows: layers, columns: heads).
 */

export interface Matrix {
  rows: number;
  cols: number;
  values: Float32Array;
  rowLabels: string[];
  colLabels: string[];
}

export function alphaMatrix(
  trace: ForwardTrace,
): (Matrix & { masked: (r: number, c: number) => boolean }) | null {
  const a = trace.alpha;
  if (!a || a.rows.length === 0) return null;
  const cols = max(a.rows.map((r) => r.length));
  const values = new Float32Array(a.rows.length * cols).fill(Number.NaN);
  a.rows.forEach((row, r) => {
    values.set(row, r * cols);
  });
  const lengths = a.rows.map((r) => r.length);
  const rowLabels =
    a.rowLabels ??
    a.rows.map((_, r) => (r + 1 < a.labels.length ? `→ ${a.labels[r + 1]}` : '→ final'));
  return {
    rows: a.rows.length,
    cols,
    values,
    rowLabels,
    colLabels: Array.from({ length: cols }, (_, c) => a.labels[c] ?? `#${c}`),
    masked: (r, c) => c >= lengths[r],
  };
}

export function routingMatrix(trace: ForwardTrace, tokenLabels: string[]): Matrix | null {
  const routed = trace.layers.flatMap((l, i) =>
    l.routed ? [{ layer: i, tokens: new Set(l.routed) }] : [],
  );
  if (routed.length === 0) return null;
  const t = trace.tokens.length;
  const values = new Float32Array(routed.length * t);
  routed.forEach((r, row) => {
    for (let c = 0; c < t; c++) values[row * t + c] = r.tokens.has(c) ? 1 : 0;
  });
  return {
    rows: routed.length,
    cols: t,
    values,
    rowLabels: routed.map((r) => `L${r.layer + 1}`),
    colLabels: tokenLabels,
  };
}

export function depthMassMatrix(trace: ForwardTrace): Matrix | null {
  if (!trace.layers.some((l) => l.depthMass)) return null;
  const heads = max(trace.layers.map((l) => l.depthMass?.length ?? 0));
  const values = new Float32Array(trace.layers.length * heads).fill(Number.NaN);
  trace.layers.forEach((l, r) => {
    if (l.depthMass) values.set(l.depthMass, r * heads);
  });
  return {
    rows: trace.layers.length,
    cols: heads,
    values,
    rowLabels: trace.layers.map((_, l) => `L${l + 1}`),
    colLabels: Array.from({ length: heads }, (_, h) => `H${h + 1}`),
  };
}
