import * as tf from '@tensorflow/tfjs-core';
import { CAUSAL_CHUNK } from '../../core/variantSpecs';

/**
 * Attention with a positive feature map: oᵢ = φ(qᵢ)ᵀ(Σⱼ φ(kⱼ)vⱼᵀ) / φ(qᵢ)ᵀ(Σⱼ φ(kⱼ)), linear
 * in n. Shared by linear (elu+1), Performer (random features) and Taylor (monomials).
 * phiQ, phiK: [heads, n, m]; v: [heads, n, dv] → [heads, n, dv].
 */
export function featureAttention(
  phiQ: tf.Tensor3D,
  phiK: tf.Tensor3D,
  v: tf.Tensor3D,
  causal: boolean,
): tf.Tensor3D {
  return causal ? causalFeatureAttention(phiQ, phiK, v) : globalFeatureAttention(phiQ, phiK, v);
}

function globalFeatureAttention(phiQ: tf.Tensor3D, phiK: tf.Tensor3D, v: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const kv = tf.matMul(phiK, v, true, false); // [heads, m, dv]
    const kSum = tf.sum(phiK, 1, true); // [heads, 1, m]
    const num = tf.matMul(phiQ, kv); // [heads, n, dv]
    const den = tf.matMul(phiQ, kSum, false, true); // [heads, n, 1]
    return tf.div(num, den);
  });
}

/**
 * The causal prefix-sum form, chunked: within a chunk of c rows the masked c×c products are
 * formed directly; across chunks, an exclusive prefix sum of the per-chunk states Σφ(k)vᵀ and
 * Σφ(k) carries everything before. Memory O(n·c + (n/c)·m·dv) instead of O(n·m·dv).
 */
function causalFeatureAttention(phiQ: tf.Tensor3D, phiK: tf.Tensor3D, v: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const [heads, n, m] = phiQ.shape;
    const dv = v.shape[2];
    const c = Math.min(CAUSAL_CHUNK, n);
    const chunks = Math.ceil(n / c);
    const pad = chunks * c - n;
    const padRows = (x: tf.Tensor3D) =>
      pad === 0
        ? x
        : tf.pad(x, [
            [0, 0],
            [0, pad],
            [0, 0],
          ]);
    const q4 = tf.reshape(padRows(phiQ), [heads, chunks, c, m]);
    const k4 = tf.reshape(padRows(phiK), [heads, chunks, c, m]); // zero rows add nothing
    const v4 = tf.reshape(padRows(v), [heads, chunks, c, dv]);

    const tril = tf.linalg.bandPart(tf.ones([c, c]), -1, 0); // keep j ≤ i within a chunk
    const local = tf.mul(tf.matMul(q4, k4, false, true), tril); // [heads, chunks, c, c]
    const numLocal = tf.matMul(local, v4); // [heads, chunks, c, dv]
    const denLocal = tf.sum(local, -1, true); // [heads, chunks, c, 1]

    const states = tf.cumsum(tf.matMul(k4, v4, true, false), 1, true); // [heads, chunks, m, dv]
    const sums = tf.cumsum(tf.sum(k4, 2, true), 1, true); // [heads, chunks, 1, m]
    const num = tf.add(numLocal, tf.matMul(q4, states));
    const den = tf.add(denLocal, tf.matMul(q4, sums, false, true));
    const out = tf.reshape(tf.div(num, den), [heads, chunks * c, dv]);
    return tf.slice(out, [0, 0, 0], [heads, n, dv]) as tf.Tensor3D;
  });
}
