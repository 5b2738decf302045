import { symmetricEigen } from '../linalg/symmetricEigen';

/**
 * The rank limit of kernel and linear attention (REFERENCE.md §2): φ(Q)φ(K)ᵀ has rank ≤ m, and
 * any rank-m X has ‖T − X‖_F ≥ (Σ_{i>m} σᵢ(T)²)^½ (Eckart–Young), which is √(n − m) for the
 * identity or a shift. Softmax reaches such patterns as its temperature falls.
 */

export type TargetPattern = 'identity' | 'shift' | 'band';

/** n×n target attention pattern, row-stochastic: I, shift by one (cyclic), or a band of 3. */
export function targetPattern(kind: TargetPattern, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    if (kind === 'identity') t[i * n + i] = 1;
    else if (kind === 'shift') t[i * n + ((i + 1) % n)] = 1;
    else {
      const cols = [i - 1, i, i + 1].filter((j) => j >= 0 && j < n);
      for (const j of cols) t[i * n + j] = 1 / cols.length;
    }
  }
  return t;
}

/** Singular values of a square n×n matrix, descending (square roots of eig(TᵀT)). */
export function singularValues(t: Float64Array, n: number): Float64Array {
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += t[k * n + i] * t[k * n + j];
      gram[i * n + j] = s;
      gram[j * n + i] = s;
    }
  }
  return symmetricEigen(gram, n).values.map((x) => Math.sqrt(Math.max(0, x)));
}

/** Best rank-m approximation of t (truncated SVD) and its Frobenius error. */
export function bestRankApproximation(t: Float64Array, n: number, m: number) {
  // TᵀT = V Σ² Vᵀ; the best rank-m X = T·V_m·V_mᵀ.
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += t[k * n + i] * t[k * n + j];
      gram[i * n + j] = s;
    }
  }
  const { vectors } = symmetricEigen(gram, n);
  const proj = new Float64Array(n * n); // V_m V_mᵀ
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += vectors[i * n + r] * vectors[j * n + r];
      proj[i * n + j] = s;
    }
  }
  const x = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const tik = t[i * n + k];
      if (tik === 0) continue;
      for (let j = 0; j < n; j++) x[i * n + j] += tik * proj[k * n + j];
    }
  }
  return { approximation: x, error: frobeniusDistance(t, x) };
}

export function frobeniusDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/**
 * Softmax at temperature τ with score 1 where the target puts its mass and 0 elsewhere (what a
 * model aiming at that pattern learns): P_τ → T as τ → 0, a full-rank pattern no rank-m kernel
 * can reach.
 */
export function softmaxTowards(t: Float64Array, n: number, tau: number): Float64Array {
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < n; j++) max = Math.max(max, t[i * n + j]);
    let sum = 0;
    for (let j = 0; j < n; j++) {
      // Score 1 where the target puts its mass, 0 elsewhere (equal-mass targets stay equal).
      const e = Math.exp((t[i * n + j] / max - 1) / tau);
      p[i * n + j] = e;
      sum += e;
    }
    for (let j = 0; j < n; j++) p[i * n + j] /= sum;
  }
  return p;
}
