import type { Rng } from './rng';

/**
 * Random directions for Performer's FAVOR+ (Choromanski et al. 2021, arXiv 2009.14794):
 * m rows ω ∈ ℝᵈ, drawn in orthogonal blocks of d (Gram–Schmidt on Gaussian rows), each row
 * rescaled to the norm of an independent Gaussian vector so that marginally ω ~ N(0, I).
 * Orthogonality lowers the estimator's variance without biasing it.
 */
export function orthogonalGaussian(rng: Rng, m: number, d: number): Float64Array {
  const out = new Float64Array(m * d);
  for (let start = 0; start < m; start += d) {
    const rows = Math.min(d, m - start);
    const block = new Float64Array(d * d);
    for (let i = 0; i < block.length; i++) block[i] = rng.normal();
    for (let i = 0; i < rows; i++) {
      const row = block.subarray(i * d, (i + 1) * d);
      for (let j = 0; j < i; j++) {
        const prev = block.subarray(j * d, (j + 1) * d);
        let dot = 0;
        for (let t = 0; t < d; t++) dot += row[t] * prev[t];
        for (let t = 0; t < d; t++) row[t] -= dot * prev[t];
      }
      let norm = 0;
      for (let t = 0; t < d; t++) norm += row[t] * row[t];
      norm = Math.sqrt(norm);
      for (let t = 0; t < d; t++) row[t] /= norm;
      let chi = 0;
      for (let t = 0; t < d; t++) chi += rng.normal() ** 2;
      chi = Math.sqrt(chi);
      for (let t = 0; t < d; t++) out[(start + i) * d + t] = chi * row[t];
    }
  }
  return out;
}

/**
 * Positive random features φ(x) = exp(ωᵀx − ‖x‖²/2)/√m for rows of x ([n, d]), so that
 * E[φ(x)ᵀφ(y)] = exp(xᵀy). Float64; used by the reference and the hardness lab.
 */
export function positiveFeatures(
  x: Float64Array,
  n: number,
  d: number,
  omega: Float64Array,
  m: number,
): Float64Array {
  const out = new Float64Array(n * m);
  const inv = 1 / Math.sqrt(m);
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let t = 0; t < d; t++) sq += x[i * d + t] ** 2;
    for (let r = 0; r < m; r++) {
      let dot = 0;
      for (let t = 0; t < d; t++) dot += omega[r * d + t] * x[i * d + t];
      out[i * m + r] = inv * Math.exp(dot - sq / 2);
    }
  }
  return out;
}
