import { orthogonalGaussian, positiveFeatures } from '../randomFeatures';
import { createRng, deriveSeed, normalMatrix } from '../rng';

/**
 * Performer's estimator of exp(xᵀy) with m positive random features,
 * φ(x)ᵀφ(y) = (1/m) Σᵣ exp(ωᵣᵀx − ‖x‖²/2) exp(ωᵣᵀy − ‖y‖²/2). With iid ωᵣ ~ N(0, I) it is
 * unbiased and its relative mean-squared error is exactly (e^{‖x+y‖²} − 1)/m (Choromanski et
 * al. 2021, arXiv 2009.14794, Lemma 2): exponential in the logit scale. Orthogonal ωᵣ do better.
 */
export interface EstimatorPoint {
  /** ‖x + y‖². */
  normSq: number;
  /** Mean over samples of ((φ(x)ᵀφ(y) − exp(xᵀy)) / exp(xᵀy))². */
  measured: number;
  /** (e^{‖x+y‖²} − 1)/m. */
  closedForm: number;
}

export interface EstimatorOptions {
  d: number;
  m: number;
  normSqs: readonly number[];
  samples: number;
  seed: number;
  orthogonal?: boolean;
}

export function performerRelativeMSE(o: EstimatorOptions): EstimatorPoint[] {
  const rng = createRng(deriveSeed(o.seed, 'performer-estimator'));
  return o.normSqs.map((normSq) => {
    // x = y = (‖x+y‖/2)·u for a random unit u, so ‖x+y‖² is exactly normSq.
    const u = normalMatrix(rng, 1, o.d);
    const len = Math.hypot(...u);
    const x = u.map((t) => (t / len) * (Math.sqrt(normSq) / 2));
    const exact = Math.exp(x.reduce((s, t) => s + t * t, 0));
    let total = 0;
    for (let s = 0; s < o.samples; s++) {
      const omega = o.orthogonal ? orthogonalGaussian(rng, o.m, o.d) : normalMatrix(rng, o.m, o.d);
      const phi = positiveFeatures(x, 1, o.d, omega, o.m);
      let estimate = 0;
      for (let r = 0; r < o.m; r++) estimate += phi[r] * phi[r];
      total += ((estimate - exact) / exact) ** 2;
    }
    return { normSq, measured: total / o.samples, closedForm: Math.expm1(normSq) / o.m };
  });
}
