import * as tf from '@tensorflow/tfjs-core';

/**
 * Mixture-of-Depths top-k on the device, without reading scores back: a token's rank is the
 * number of tokens with a higher score plus the earlier tokens with an equal one (the same tie
 * rule as core/model/ops64 topIndices), and the selection is a one-hot matrix Sel [B, C, T]
 * whose row c picks the c-th routed token in sequence order. Routing is a discrete choice: its
 * gradient is zero (customGrad), the router learns through the rᵢ that scales the update.
 * Only float ops (comparisons, cumsum): int32 paths are fragile on webgpu.
 */
export function routeSelection(scores: tf.Tensor2D, keep: number): tf.Tensor3D {
  const select = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const s = args[0] as tf.Tensor;
    const [bs, t] = s.shape as [number, number];
    const value = tf.tidy(() => {
      const si = tf.reshape(s, [bs, t, 1]); // query token i
      const sj = tf.reshape(s, [bs, 1, t]); // other token j
      const higher = tf.cast(tf.greater(sj, si), 'float32');
      const earlier = tf.linalg.bandPart(tf.ones([t, t]), -1, 0);
      const before = tf.sub(earlier, tf.eye(t)); // j < i
      const tied = tf.mul(tf.cast(tf.equal(sj, si), 'float32'), before);
      const rank = tf.sum(tf.add(higher, tied), 2); // [B, T]
      const chosen = tf.cast(tf.less(rank, keep), 'float32'); // [B, T]
      const slot = tf.sub(tf.cumsum(chosen, 1), 1); // routed order of each chosen token
      const c = tf.reshape(tf.range(0, keep, 1, 'float32'), [1, keep, 1]);
      const match = tf.cast(tf.equal(tf.reshape(slot, [bs, 1, t]), c), 'float32');
      return tf.mul(match, tf.reshape(chosen, [bs, 1, t])) as tf.Tensor3D; // [B, C, T]
    });
    return { value, gradFunc: () => tf.zerosLike(s) };
  });
  return select(scores) as tf.Tensor3D;
}

/** Routed token indices per batch row from a read-back Sel [B, C, T]. */
export function routedIndices(sel: Float32Array, bs: number, keep: number, t: number): number[][] {
  return Array.from({ length: bs }, (_, b) =>
    Array.from({ length: keep }, (_, c) => {
      const row = sel.subarray((b * keep + c) * t, (b * keep + c + 1) * t);
      return row.indexOf(1);
    }),
  );
}
