import * as tf from '@tensorflow/tfjs-core';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

/** Means of m consecutive equal segments of the rows: [heads, n, d] → [heads, m, d]. */
function segmentMeans(x: tf.Tensor3D, m: number): tf.Tensor3D {
  const [heads, n, d] = x.shape;
  return tf.mean(tf.reshape(x, [heads, m, n / m, d]), 2);
}

/** softmax(xyᵀ/√d) over the last axis. */
function softmaxScores(x: tf.Tensor3D, y: tf.Tensor3D): tf.Tensor3D {
  return tf.softmax(tf.matMul(tf.mul(x, 1 / Math.sqrt(x.shape[2])), y, false, true));
}

/** c·I − x, x: [heads, m, m]. */
function cIMinus(c: number, x: tf.Tensor3D, eye: tf.Tensor2D): tf.Tensor3D {
  return tf.sub(tf.mul(eye, c), x) as tf.Tensor3D;
}

/**
 * Nyströmformer's pseudo-inverse: Z₀ = Aᵀ/(‖A‖₁‖A‖∞) per head, then 6 iterations of
 * Z ← ¼Z(13I − AZ(15I − AZ(7I − AZ))).
 */
export function iterativePinv(a: tf.Tensor3D, iterations = 6): tf.Tensor3D {
  return tf.tidy(() => {
    const m = a.shape[1];
    const eye = tf.eye(m);
    const abs = tf.abs(a);
    const norm1 = tf.max(tf.sum(abs, 1), -1); // max column sum, [heads]
    const normInf = tf.max(tf.sum(abs, 2), -1); // max row sum, [heads]
    const denom = tf.reshape(tf.mul(norm1, normInf), [-1, 1, 1]);
    let z = tf.div(tf.transpose(a, [0, 2, 1]), denom) as tf.Tensor3D;
    for (let it = 0; it < iterations; it++) {
      const az = tf.matMul(a, z) as tf.Tensor3D;
      const inner = tf.matMul(az, cIMinus(7, az, eye)) as tf.Tensor3D;
      const middle = tf.matMul(az, cIMinus(15, inner, eye)) as tf.Tensor3D;
      z = tf.mul(tf.matMul(z, cIMinus(13, middle, eye)), 0.25);
    }
    return z;
  });
}

/** Nyström attention with m segment-mean landmarks (Xiong et al. 2021, arXiv 2102.03902). */
export const nystrom: AttentionVariant = {
  ...specFor('nystrom'),
  run: (q, k, v, opts) =>
    tf.tidy(() => {
      const m = opts.params.m;
      const ql = segmentMeans(q, m);
      const kl = segmentMeans(k, m);
      const k1 = softmaxScores(q, kl); // [heads, n, m]
      const z = iterativePinv(softmaxScores(ql, kl)); // [heads, m, m]
      const k3v = tf.matMul(softmaxScores(ql, k), v); // [heads, m, dv]
      return tf.matMul(k1, tf.matMul(z, k3v));
    }),
};
