import * as tf from '@tensorflow/tfjs-core';
import { windowGeometry } from '../../core/variantSpecs';
import { maskedSoftmax } from '../tensors';
import { fromBlocks, inRange, localKeys } from './blockLocal';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

/**
 * Sliding-window attention: non-causal keeps j iff |i − j| ≤ ⌊w/2⌋; causal keeps j iff
 * i − w < j ≤ i. Computed block-locally, so time and memory are O(n·w), not O(n²).
 */
export function windowAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  w: number,
  causal: boolean,
): tf.Tensor3D {
  return tf.tidy(() => {
    const n = q.shape[1];
    const local = localKeys(q, k, v, windowGeometry(w, causal));
    const diff = tf.sub(local.qPos, local.kPos); // i − j, [blocks, block, keys]
    const inWindow = causal
      ? tf.logicalAnd(tf.greaterEqual(diff, 0), tf.less(diff, w))
      : tf.lessEqual(tf.abs(diff), Math.floor(w / 2));
    const keep = tf.logicalAnd(inWindow, inRange(local.kPos, n));
    const scores = tf.matMul(local.q, local.k, false, true); // [heads, blocks, block, keys]
    const p = maskedSoftmax(scores, tf.broadcastTo(keep, scores.shape));
    return fromBlocks(tf.matMul(p, local.v), n);
  });
}

export const window: AttentionVariant = {
  ...specFor('window'),
  run: (q, k, v, opts) => windowAttention(q, k, v, opts.params.w, opts.causal),
};
