import * as tf from '@tensorflow/tfjs-core';
import { orthogonalGaussian } from '../../core/randomFeatures';
import { createRng, deriveSeed } from '../../core/rng';
import { featureAttention } from './featureAttention';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

/** ω for (seed, m, d), kept as plain numbers: drawing them is not part of the attention cost. */
const omegaCache = new Map<string, Float32Array>();

export function performerOmega(seed: number, m: number, d: number): Float32Array {
  const key = `${seed}:${m}:${d}`;
  let omega = omegaCache.get(key);
  if (!omega) {
    omega = Float32Array.from(orthogonalGaussian(createRng(deriveSeed(seed, 'performer')), m, d));
    if (omegaCache.size > 32) omegaCache.clear();
    omegaCache.set(key, omega);
  }
  return omega;
}

/**
 * log φ(x) + const for x = input/d^¼: ωᵀx − ‖x‖²/2, shape [heads, n, m]. The constant
 * (a row max for queries, one max for all keys) is subtracted before exp for stability; it
 * cancels in the normalisation D⁻¹.
 */
function logFeatures(x: tf.Tensor3D, omega: tf.Tensor2D): tf.Tensor3D {
  const d = x.shape[2];
  const xs = tf.mul(x, d ** -0.25);
  const proj = tf.matMul(xs, omega, false, true); // [heads, n, m]
  const half = tf.mul(tf.sum(tf.square(xs), -1, true), 0.5); // [heads, n, 1]
  return tf.sub(proj, half);
}

/** FAVOR+ (Choromanski et al. 2021): positive orthogonal random features estimate exp(q·k/√d). */
export const performer: AttentionVariant = {
  ...specFor('performer'),
  run: (q, k, v, opts) =>
    tf.tidy(() => {
      const [, , d] = q.shape;
      const m = opts.params.m;
      const omega = tf.tensor2d(performerOmega(opts.seed, m, d), [m, d]);
      const lq = logFeatures(q, omega);
      const lk = logFeatures(k, omega);
      const phiQ = tf.exp(tf.sub(lq, tf.max(lq, -1, true))) as tf.Tensor3D;
      const phiK = tf.exp(tf.sub(lk, tf.max(lk, [1, 2], true))) as tf.Tensor3D;
      return featureAttention(phiQ, phiK, v, opts.causal);
    }),
};
