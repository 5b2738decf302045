import type { WeightMap } from './init';
import { addBias, matmul, relu, softmaxInPlace } from './ops64';

/**
 * The float64 attention sublayer: causal softmax per head, optionally with MoDA depth keys
 * (Zhu et al. 2026): query t of layer l also scores the keys K_t^i of the same token from every
 * earlier layer i < l, under one softmax with the sequence keys; the output adds Σ_i b_i V_t^i.
 */

export interface DepthKv {
  /** Keys and values of earlier layers, each [T, d] (all heads side by side). */
  k: Float64Array[];
  v: Float64Array[];
}

export interface AttentionOut {
  /** [n, d] after the output projection and bias. */
  out: Float64Array;
  /** [heads] of n×n: the sequence part of each head's softmax. */
  maps: Float64Array[];
  /** [heads] mean over queries of the mass on depth keys (MoDA), else null. */
  depthMass: number[] | null;
  /** This layer's keys and values [n, d], for later layers' depth keys. */
  k: Float64Array;
  v: Float64Array;
}

export function referenceAttention(
  w: WeightMap,
  l: number,
  u: Float64Array, // [n, d] normalised input
  n: number,
  d: number,
  heads: number,
  depth: DepthKv | null,
): AttentionOut {
  const p = `l${l}.`;
  const q = matmul(u, w[`${p}wq`], n, d, d);
  const k = matmul(u, w[`${p}wk`], n, d, d);
  const v = matmul(u, w[`${p}wv`], n, d, d);
  const dh = d / heads;
  const scale = 1 / Math.sqrt(dh);
  const concat = new Float64Array(n * d);
  const maps: Float64Array[] = [];
  const depthMass: number[] = [];
  const depthCount = depth?.k.length ?? 0;
  for (let h = 0; h < heads; h++) {
    const off = h * dh;
    const map = new Float64Array(n * n);
    let mass = 0;
    for (let i = 0; i < n; i++) {
      const dotAt = (keys: Float64Array, j: number) => {
        let s = 0;
        for (let c = 0; c < dh; c++) s += q[i * d + off + c] * keys[j * d + off + c];
        return s * scale;
      };
      const logits: number[] = [];
      for (let j = 0; j <= i; j++) logits.push(dotAt(k, j));
      for (let m = 0; m < depthCount; m++) logits.push(dotAt((depth as DepthKv).k[m], i));
      const pr = softmaxInPlace(logits);
      for (let j = 0; j <= i; j++) {
        map[i * n + j] = pr[j];
        for (let c = 0; c < dh; c++) concat[i * d + off + c] += pr[j] * v[j * d + off + c];
      }
      for (let m = 0; m < depthCount; m++) {
        const b = pr[i + 1 + m];
        mass += b / n;
        const vm = (depth as DepthKv).v[m];
        for (let c = 0; c < dh; c++) concat[i * d + off + c] += b * vm[i * d + off + c];
      }
    }
    maps.push(map);
    depthMass.push(mass);
  }
  const out = addBias(matmul(concat, w[`${p}wo`], n, d, d), w[`${p}bo`], d);
  return { out, maps, depthMass: depth ? depthMass : null, k, v };
}

export function referenceMlp(
  w: WeightMap,
  l: number,
  u: Float64Array,
  n: number,
  d: number,
  dMlp: number,
) {
  const p = `l${l}.`;
  const hidden = relu(addBias(matmul(u, w[`${p}w1`], n, d, dMlp), w[`${p}b1`], dMlp));
  return addBias(matmul(hidden, w[`${p}w2`], n, dMlp, d), w[`${p}b2`], d);
}
