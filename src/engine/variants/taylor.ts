import * as tf from '@tensorflow/tfjs-core';
import { type MonomialSet, monomialsOfDegree } from '../../core/monomials';
import { featureAttention } from './featureAttention';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

const monomialCache = new Map<string, MonomialSet[]>();

/** Monomials of degrees 2…p in d variables (degrees 0 and 1 need no index lists). */
function higherMonomials(d: number, p: number): MonomialSet[] {
  const key = `${d}:${p}`;
  let sets = monomialCache.get(key);
  if (!sets) {
    sets = [];
    for (let t = 2; t <= p; t++) sets.push(monomialsOfDegree(d, t));
    monomialCache.set(key, sets);
  }
  return sets;
}

/** Features x^α/√α! of x = input/d^¼ for |α| ≤ p: [heads, n, C(d+p, p)]. */
function taylorFeatures(x: tf.Tensor3D, p: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [heads, n, d] = x.shape;
    const xs = tf.mul(x, d ** -0.25) as tf.Tensor3D;
    const parts: tf.Tensor3D[] = [tf.ones([heads, n, 1])];
    if (p >= 1) parts.push(xs);
    for (const set of higherMonomials(d, p)) {
      let prod: tf.Tensor = tf.gather(xs, tf.tensor1d(set.indices[0], 'int32'), 2);
      for (let s = 1; s < set.degree; s++) {
        prod = tf.mul(prod, tf.gather(xs, tf.tensor1d(set.indices[s], 'int32'), 2));
      }
      parts.push(tf.mul(prod, tf.tensor1d(set.coeff)) as tf.Tensor3D);
    }
    return tf.concat(parts, 2);
  });
}

/**
 * exp(s) replaced by its degree-p Taylor polynomial Σ_{t≤p} sᵗ/t!, s = q·k/√d, rows normalised
 * by their sums, in time linear in n through the monomial features (even p only: then the
 * polynomial is positive for every s).
 */
export const taylor: AttentionVariant = {
  ...specFor('taylor'),
  run: (q, k, v, opts) =>
    tf.tidy(() => {
      const p = opts.params.p;
      return featureAttention(taylorFeatures(q, p), taylorFeatures(k, p), v, opts.causal);
    }),
};
