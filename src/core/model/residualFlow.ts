import type { SublayerFlow } from './trace';

/**
 * Residual-flow metrics (REFERENCE.md §4) on plain arrays, shared by the float64 reference and
 * the tfjs forward (whose read-back float32 arrays are summed here in float64).
 */

export type Arr = Float32Array | Float64Array;

function dot(a: Arr, b: Arr): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export const frobenius = (a: Arr) => Math.sqrt(dot(a, a));

/** Stream norm ‖x‖, relative update ‖Δ‖/‖x‖ and alignment cos(Δ, x), over all tokens. */
export function sublayerFlow(input: Arr, delta: Arr): SublayerFlow {
  const nx = frobenius(input);
  const nd = frobenius(delta);
  return {
    streamNorm: nx,
    relativeUpdate: nx > 0 ? nd / nx : 0,
    alignment: nx > 0 && nd > 0 ? dot(delta, input) / (nx * nd) : 0,
  };
}

export function difference(a: Arr, b: Arr): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

/**
 * Additive shares s_c = ⟨Δ_c, x_L⟩/‖x_L‖². They sum to 1 exactly when Σ_c Δ_c = x_L, which
 * the callers guarantee by construction (telescoping differences, or AttnRes's weighted
 * sources). Shares are measured against Σ_c Δ_c itself, so float32 rounding in the streams
 * cannot break the identity.
 */
export function additiveShares(contributions: readonly Arr[]): number[] {
  const n = contributions[0]?.length ?? 0;
  const total = new Float64Array(n);
  for (const c of contributions) for (let i = 0; i < n; i++) total[i] += c[i];
  const norm2 = dot(total, total);
  return contributions.map((c) => (norm2 > 0 ? dot(c, total) / norm2 : 0));
}

/**
 * Attention rollout (Abnar & Zuidema 2020): Â_l = ½·mean_h A_l + ½I with each row renormalised
 * to sum 1 (a no-op for softmax rows; it matters for MoDA, whose sequence rows leave mass on
 * depth keys, and for approximate variants), R = Â_L⋯Â_1. Tokens a MoD layer skipped keep
 * their own state: their row of mean_h A_l is e_i.
 */
export function rollout(
  layers: readonly { attention: readonly Arr[]; routed: readonly number[] | null }[],
  t: number,
): Float32Array {
  let r = identity(t);
  for (const layer of layers) {
    const a = new Float64Array(t * t);
    const heads = layer.attention.length;
    for (const m of layer.attention) for (let i = 0; i < t * t; i++) a[i] += m[i] / heads;
    if (layer.routed) {
      const keep = new Set(layer.routed);
      for (let i = 0; i < t; i++) {
        if (keep.has(i)) continue;
        a.fill(0, i * t, (i + 1) * t);
        a[i * t + i] = 1;
      }
    }
    for (let i = 0; i < t; i++) {
      let sum = 0;
      for (let j = 0; j < t; j++) {
        const v = 0.5 * a[i * t + j] + (i === j ? 0.5 : 0);
        a[i * t + j] = v;
        sum += v;
      }
      if (Math.abs(sum) > 1e-12) for (let j = 0; j < t; j++) a[i * t + j] /= sum;
    }
    r = matmul(a, r, t);
  }
  return Float32Array.from(r);
}

function identity(t: number): Float64Array {
  const m = new Float64Array(t * t);
  for (let i = 0; i < t; i++) m[i * t + i] = 1;
  return m;
}

function matmul(a: Float64Array, b: Float64Array, t: number): Float64Array {
  const out = new Float64Array(t * t);
  for (let i = 0; i < t; i++) {
    for (let k = 0; k < t; k++) {
      const aik = a[i * t + k];
      if (aik === 0) continue;
      for (let j = 0; j < t; j++) out[i * t + j] += aik * b[k * t + j];
    }
  }
  return out;
}

/** Token-averaged AttnRes weights: alpha[r] is [T, r + 1] → row r of length r + 1. */
export function alphaRows(alpha: readonly Arr[], t: number): number[][] {
  return alpha.map((a, r) => {
    const width = r + 1;
    const row = new Array<number>(width).fill(0);
    for (let i = 0; i < t; i++) for (let j = 0; j < width; j++) row[j] += a[i * width + j] / t;
    return row;
  });
}

/** α_{c→final}[t]·v_c[t]: the AttnRes sources as weighted in the final stream ([T, d] each). */
export function weightedSources(
  sources: readonly Arr[],
  finalAlpha: Arr,
  d: number,
): Float64Array[] {
  const s = sources.length;
  return sources.map((v, c) => {
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = finalAlpha[Math.floor(i / d) * s + c] * v[i];
    return out;
  });
}
