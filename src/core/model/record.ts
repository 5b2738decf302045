import {
  type Arr,
  additiveShares,
  alphaRows,
  difference,
  frobenius,
  rollout,
  sublayerFlow,
  weightedSources,
} from './residualFlow';
import type { ForwardTrace, LayerTrace, Prediction, SublayerFlow } from './trace';

/**
 * What a forward pass hands over before the metrics: the raw arrays (float64 from the
 * reference, float32 read back from tfjs). `assembleTrace` turns it into the ForwardTrace, so
 * both implementations report through the same code.
 */

export interface LayerRecord {
  /** [heads] of T×T: the applied weights (MoD: zero outside the routed rows and columns). */
  attention: Arr[];
  /** [heads] of T×T: exact causal softmax on the same q, k. */
  exact: Arr[];
  routed: number[] | null;
  depthMass: number[] | null;
}

/**
 * The residual stream. `sum` (PreNorm, PostNorm, MoD): the stream x_0 (embedding) and after each
 * sublayer, 2L + 1 arrays [T, d]; sublayer c's update is Δ_c = x_{c+1} − x_c (for PostNorm this
 * includes the norm's effect; for MoD it is r·f on routed tokens and 0 elsewhere), so
 * x_L = x_0 + Σ Δ_c telescopes and the shares sum to 1.
 * `attnres`: sources v_0 (embedding) … v_2L (sublayer outputs); inputs h_0 … h_2L, where h_s is
 * sublayer s's input and h_2L the final norm's input; alpha[r]: [T, r + 1] per-token weights.
 * Sublayer s's update is its output v_{s+1}; the final stream is h_2L = Σ_c α_{c→final}·v_c,
 * whose terms are the shares' Δ_c.
 */
export type ResidualRecord =
  | { mode: 'sum'; streams: Arr[] }
  | { mode: 'attnres'; sources: Arr[]; inputs: Arr[]; alpha: Arr[] };

export interface ForwardRecord {
  tokens: number[];
  dModel: number;
  vocab: number;
  layers: LayerRecord[];
  residual: ResidualRecord;
  /** [T, vocab]. */
  logits: Arr;
}

export const TOP_PREDICTIONS = 3;

function predictions(logits: Arr, t: number, vocab: number): Prediction[] {
  return Array.from({ length: t }, (_, i) => {
    const row = logits.subarray(i * vocab, (i + 1) * vocab);
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    const p = Array.from(row, (v) => Math.exp(v - max));
    const sum = p.reduce((a, b) => a + b, 0);
    const order = p.map((_, j) => j).sort((a, b) => p[b] - p[a] || a - b);
    return { top: order.slice(0, TOP_PREDICTIONS).map((token) => ({ token, p: p[token] / sum })) };
  });
}

export function shareLabels(layers: number): string[] {
  const out = ['embed'];
  for (let l = 1; l <= layers; l++) out.push(`L${l} attn`, `L${l} mlp`);
  return out;
}

function residualMetrics(r: ResidualRecord, d: number) {
  const flows: SublayerFlow[] = [];
  if (r.mode === 'sum') {
    const s = r.streams;
    for (let c = 0; c + 1 < s.length; c++)
      flows.push(sublayerFlow(s[c], difference(s[c + 1], s[c])));
    const contributions = [s[0], ...flows.map((_, c) => difference(s[c + 1], s[c]))];
    return { flows, final: s[s.length - 1], contributions };
  }
  const { sources, inputs, alpha } = r;
  for (let c = 0; c + 1 < sources.length; c++) flows.push(sublayerFlow(inputs[c], sources[c + 1]));
  const contributions = weightedSources(sources, alpha[alpha.length - 1], d);
  return { flows, final: inputs[inputs.length - 1], contributions };
}

const f32 = (a: Arr) => (a instanceof Float32Array ? a : Float32Array.from(a));

export function assembleTrace(
  rec: ForwardRecord,
  variant: string,
  params: Record<string, number>,
): ForwardTrace {
  const t = rec.tokens.length;
  const { flows, final, contributions } = residualMetrics(rec.residual, rec.dModel);
  const layers: LayerTrace[] = rec.layers.map((l, i) => ({
    attention: l.attention.map(f32),
    exact: l.exact.map(f32),
    attn: flows[2 * i],
    mlp: flows[2 * i + 1],
    routed: l.routed,
    depthMass: l.depthMass,
  }));
  const labels = shareLabels(rec.layers.length);
  const shares = additiveShares(contributions).map((value, i) => ({ label: labels[i], value }));
  const alpha =
    rec.residual.mode === 'attnres'
      ? {
          labels,
          rows: alphaRows(rec.residual.alpha, t),
          rowLabels: [...labels.slice(1).map((l) => `→ ${l}`), '→ final'],
        }
      : null;
  return {
    tokens: [...rec.tokens],
    variant,
    params: { ...params },
    layers,
    finalNorm: frobenius(final),
    shares,
    rollout: rollout(rec.layers, t),
    alpha,
    predictions: predictions(rec.logits, t, rec.vocab),
  };
}
