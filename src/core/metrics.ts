import type { HeadBlock } from './headBlock';

/** Error metrics of an approximate output against the exact one (same shape). */

function checkSameShape(a: HeadBlock, b: HeadBlock): void {
  if (a.heads !== b.heads || a.n !== b.n || a.width !== b.width) {
    throw new Error(
      `shape mismatch: [${a.heads}, ${a.n}, ${a.width}] vs [${b.heads}, ${b.n}, ${b.width}]`,
    );
  }
}

/** ‖Ô − O‖_F / ‖O‖_F over all heads (0 when both are zero). */
export function relativeError(approx: HeadBlock, exact: HeadBlock): number {
  checkSameShape(approx, exact);
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < exact.data.length; i++) {
    const e = exact.data[i];
    const dlt = approx.data[i] - e;
    diff += dlt * dlt;
    norm += e * e;
  }
  if (norm === 0) return diff === 0 ? 0 : Infinity;
  return Math.sqrt(diff / norm);
}

/** max |Ô − O| over all entries (NaN anywhere gives NaN). */
export function maxAbsError(approx: HeadBlock, exact: HeadBlock): number {
  checkSameShape(approx, exact);
  let max = 0;
  for (let i = 0; i < exact.data.length; i++) {
    const dlt = Math.abs(approx.data[i] - exact.data[i]);
    if (Number.isNaN(dlt)) return Number.NaN;
    if (dlt > max) max = dlt;
  }
  return max;
}

/**
 * Mean over rows of KL(P‖P̂) for row-stochastic [n, n] weights. Terms with P = 0 contribute 0;
 * P > 0 where P̂ = 0 gives Infinity (the approximation cannot see a key the exact one uses).
 */
export function meanRowKL(p: Float64Array, pHat: Float64Array | Float32Array, n: number): number {
  if (p.length !== n * n || pHat.length !== n * n) {
    throw new Error(`weights must be ${n}×${n}`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    let kl = 0;
    for (let j = 0; j < n; j++) {
      const a = p[i * n + j];
      if (a <= 0) continue;
      const b = pHat[i * n + j];
      if (b <= 0) return Infinity;
      kl += a * Math.log(a / b);
    }
    total += kl;
  }
  return total / n;
}
