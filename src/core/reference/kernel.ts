import { type AttentionInputs, type HeadBlock, headView, zerosBlock } from '../headBlock';
import { type KeepFn, keepAll } from './dense';

/**
 * Float64 reference for attention with an arbitrary positive weight w(qᵢ, kⱼ) in place of
 * exp(qᵢ·kⱼ/√d): oᵢ = Σⱼ w vⱼ / Σⱼ w over kept j. Computed directly in O(n²), so it checks the
 * engine's linear-time feature maps against the formula they are meant to equal.
 */
export type PairWeight = (q: Float64Array, k: Float64Array) => number;

export function referenceKernelAttention(
  inputs: AttentionInputs,
  weight: PairWeight,
  keep: KeepFn = keepAll,
): HeadBlock<Float64Array> {
  const { heads, n, width: d } = inputs.q;
  const dv = inputs.v.width;
  const out = zerosBlock(heads, n, dv);
  const qi = new Float64Array(d);
  const kj = new Float64Array(d);
  for (let h = 0; h < heads; h++) {
    const q = headView(inputs.q, h);
    const k = headView(inputs.k, h);
    const v = headView(inputs.v, h);
    const o = headView(out, h);
    for (let i = 0; i < n; i++) {
      qi.set(q.subarray(i * d, (i + 1) * d));
      let den = 0;
      for (let j = 0; j < n; j++) {
        if (!keep(i, j)) continue;
        kj.set(k.subarray(j * d, (j + 1) * d));
        const w = weight(qi, kj);
        den += w;
        for (let t = 0; t < dv; t++) o[i * dv + t] += w * v[j * dv + t];
      }
      for (let t = 0; t < dv; t++) o[i * dv + t] /= den;
    }
  }
  return out;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let t = 0; t < a.length; t++) s += a[t] * b[t];
  return s;
};

const eluPlusOne = (x: number) => (x > 0 ? x + 1 : Math.exp(x));

/** Linear attention's weight φ(q)·φ(k) with φ = elu + 1 (no 1/√d). */
export const linearWeight: PairWeight = (q, k) => {
  let s = 0;
  for (let t = 0; t < q.length; t++) s += eluPlusOne(q[t]) * eluPlusOne(k[t]);
  return s;
};

/** Degree-p Taylor polynomial of exp(q·k/√d): Σ_{t≤p} sᵗ/t!. */
export function taylorWeight(p: number): PairWeight {
  return (q, k) => {
    const s = dot(q, k) / Math.sqrt(q.length);
    let term = 1;
    let sum = 1;
    for (let t = 1; t <= p; t++) {
      term *= s / t;
      sum += term;
    }
    return sum;
  };
}
