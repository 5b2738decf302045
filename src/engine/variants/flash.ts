import * as tf from '@tensorflow/tfjs-core';
import { NEG, scaleQuery } from '../tensors';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

/**
 * FlashAttention's algorithm composed from tfjs ops: key/value blocks of size B are streamed
 * with a running row max m, running sum ℓ and a rescaled partial output, so no n×n tensor is
 * ever made (peak extra memory O(n·B)). Same FLOPs as dense: tiling changes memory, not n².
 */
export function flashAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  causal: boolean,
  block: number,
): tf.Tensor3D {
  const [heads, n, d] = k.shape;
  const dv = v.shape[2];
  const qs = scaleQuery(q);
  let m: tf.Tensor3D = tf.fill([heads, n, 1], NEG); // running row max
  let l: tf.Tensor3D = tf.zeros([heads, n, 1]); // running softmax denominator
  let acc: tf.Tensor3D = tf.zeros([heads, n, dv]); // unnormalised output
  const qPos = causal ? tf.tidy(() => tf.reshape(tf.range(0, n, 1, 'int32'), [n, 1])) : null;
  for (let start = 0; start < n; start += block) {
    const size = Math.min(block, n - start);
    const next = tf.tidy(() => {
      const kb = tf.slice(k, [0, start, 0], [heads, size, d]);
      const vb = tf.slice(v, [0, start, 0], [heads, size, dv]);
      let s = tf.matMul(qs, kb, false, true); // [heads, n, size]
      if (qPos) {
        const kPos = tf.reshape(tf.range(start, start + size, 1, 'int32'), [1, size]);
        // Block 0 holds key 0, which every query sees, so m is finite after the first block
        // and fully masked later blocks contribute exp(NEG − m) = 0.
        s = tf.where(tf.lessEqual(kPos, qPos), s, tf.fill(s.shape, NEG));
      }
      const mNew = tf.maximum(m, tf.max(s, -1, true));
      const p = tf.exp(tf.sub(s, mNew)); // [heads, n, size]
      const rescale = tf.exp(tf.sub(m, mNew)); // [heads, n, 1]
      const lNew = tf.add(tf.mul(l, rescale), tf.sum(p, -1, true));
      const accNew = tf.add(tf.mul(acc, rescale), tf.matMul(p, vb));
      return [mNew, lNew, accNew] as tf.Tensor3D[];
    });
    tf.dispose([m, l, acc]);
    [m, l, acc] = next;
  }
  const out = tf.div(acc, l) as tf.Tensor3D;
  tf.dispose([qs, m, l, acc]);
  if (qPos) qPos.dispose();
  return out;
}

export const flash: AttentionVariant = {
  ...specFor('flash'),
  run: (q, k, v, opts) => flashAttention(q, k, v, opts.causal, opts.params.block),
};
