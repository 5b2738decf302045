import { LN_EPS, RMS_EPS } from './config';

/** Row-major float64 helpers for the reference forward. Shapes in the comments: [rows, cols]. */

type Num = Float32Array | Float64Array;

/** a [m, k] · b [k, n] → [m, n]. */
export function matmul(a: Num, b: Num, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aip * b[p * n + j];
    }
  }
  return out;
}

export function addBias(x: Float64Array, b: Num, cols: number): Float64Array {
  for (let i = 0; i < x.length; i++) x[i] += b[i % cols];
  return x;
}

export function add(a: Num, b: Num): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  return out;
}

export function relu(x: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) x[i] = Math.max(0, x[i]);
  return x;
}

/** LayerNorm of each row (biased variance, ε = LN_EPS), then gain and bias. */
export function layerNorm(x: Num, g: Num, b: Num, d: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < x.length / d; r++) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x[r * d + j] / d;
    let v = 0;
    for (let j = 0; j < d; j++) v += (x[r * d + j] - mean) ** 2 / d;
    const inv = 1 / Math.sqrt(v + LN_EPS);
    for (let j = 0; j < d; j++) out[r * d + j] = (x[r * d + j] - mean) * inv * g[j] + b[j];
  }
  return out;
}

/** x / √(mean(x²) + RMS_EPS) per row, no gain. */
export function rmsNorm(x: Num, d: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < x.length / d; r++) {
    let ms = 0;
    for (let j = 0; j < d; j++) ms += x[r * d + j] ** 2 / d;
    const inv = 1 / Math.sqrt(ms + RMS_EPS);
    for (let j = 0; j < d; j++) out[r * d + j] = x[r * d + j] * inv;
  }
  return out;
}

/** Softmax of a plain list in place. */
export function softmaxInPlace(xs: number[]): number[] {
  let max = -Infinity;
  for (const x of xs) max = Math.max(max, x);
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    xs[i] = Math.exp(xs[i] - max);
    sum += xs[i];
  }
  for (let i = 0; i < xs.length; i++) xs[i] /= sum;
  return xs;
}

/** Rows `idx` of x [*, d]. */
export function gatherRows(x: Num, idx: readonly number[], d: number): Float64Array {
  const out = new Float64Array(idx.length * d);
  idx.forEach((r, i) => {
    for (let j = 0; j < d; j++) out[i * d + j] = x[r * d + j];
  });
  return out;
}

/**
 * MoD routing: the indices of the top `keep` scores (ties: the earlier token first), ascending.
 * The tfjs forward ranks the same way.
 */
export function topIndices(scores: ArrayLike<number>, keep: number): number[] {
  const idx = Array.from({ length: scores.length }, (_, i) => i);
  idx.sort((a, b) => scores[b] - scores[a] || a - b);
  return idx.slice(0, keep).sort((a, b) => a - b);
}
