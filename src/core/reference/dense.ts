import { type AttentionInputs, type HeadBlock, headView, zerosBlock } from '../headBlock';

/** Which keys j query i may see. */
export type KeepFn = (i: number, j: number) => boolean;

export const keepAll: KeepFn = () => true;
export const keepCausal: KeepFn = (i, j) => j <= i;

/** Sliding window: |i − j| ≤ ⌊w/2⌋, or causal i − w < j ≤ i. */
export function keepWindow(w: number, causal: boolean): KeepFn {
  const half = Math.floor(w / 2);
  return causal ? (i, j) => j <= i && j > i - w : (i, j) => Math.abs(i - j) <= half;
}

/** Row-softmax weights of head h in float64: P = softmax(QKᵀ/√d + M), [n, n]. */
export function referenceWeights(inputs: AttentionInputs, h: number, keep: KeepFn): Float64Array {
  const { n, width: d } = inputs.q;
  const q = headView(inputs.q, h);
  const k = headView(inputs.k, h);
  const scale = 1 / Math.sqrt(d);
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < n; j++) {
      if (!keep(i, j)) {
        p[i * n + j] = -Infinity;
        continue;
      }
      let s = 0;
      for (let t = 0; t < d; t++) s += q[i * d + t] * k[j * d + t];
      s *= scale;
      p[i * n + j] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = p[i * n + j] === -Infinity ? 0 : Math.exp(p[i * n + j] - max);
      p[i * n + j] = e;
      sum += e;
    }
    for (let j = 0; j < n; j++) p[i * n + j] /= sum;
  }
  return p;
}

/** out[h] = weights[h] · V[h] for row-major [n, n] weights per head. */
export function applyWeights(weights: Float64Array[], v: HeadBlock): HeadBlock<Float64Array> {
  const { heads, n, width: dv } = v;
  const out = zerosBlock(heads, n, dv);
  for (let h = 0; h < heads; h++) {
    const p = weights[h];
    const vh = headView(v, h);
    const oh = headView(out, h);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const w = p[i * n + j];
        if (w === 0) continue;
        for (let t = 0; t < dv; t++) oh[i * dv + t] += w * vh[j * dv + t];
      }
    }
  }
  return out;
}

/**
 * Float64 dense attention, the reference every variant is checked against:
 * O = softmax(QKᵀ/√d + M)V per head, M from `keep` (all keys, causal, window…).
 */
export function referenceAttention(
  inputs: AttentionInputs,
  keep: KeepFn = keepAll,
): HeadBlock<Float64Array> {
  const weights = Array.from({ length: inputs.q.heads }, (_, h) =>
    referenceWeights(inputs, h, keep),
  );
  return applyWeights(weights, inputs.v);
}
