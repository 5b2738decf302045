import * as tf from '@tensorflow/tfjs-core';
import { causalKeep, maskedSoftmax, scaleQuery } from '../tensors';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

/** O = softmax(QKᵀ/√d + M)V with the full n×n score matrix; causal keeps j ≤ i. */
export function denseAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  causal: boolean,
): tf.Tensor3D {
  return tf.tidy(() => {
    const n = q.shape[1];
    const scores = tf.matMul(scaleQuery(q), k, false, true); // [heads, n, n]
    const keep = causal ? tf.broadcastTo(causalKeep(n, n), scores.shape) : null;
    const p = maskedSoftmax(scores, keep);
    return tf.matMul(p, v); // [heads, n, dv]
  });
}

export const dense: AttentionVariant = {
  ...specFor('dense'),
  run: (q, k, v, opts) => denseAttention(q, k, v, opts.causal),
};
