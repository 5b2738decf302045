import * as tf from '@tensorflow/tfjs-core';
import type { HeadBlock } from '../core/headBlock';

/** Conversions between plain HeadBlocks and tensors, and small graph helpers shared by variants. */

/** A HeadBlock as a float32 tensor [heads, n, width]. */
export function toTensor(block: HeadBlock): tf.Tensor3D {
  const data = block.data instanceof Float32Array ? block.data : Float32Array.from(block.data);
  return tf.tensor3d(data, [block.heads, block.n, block.width], 'float32');
}

/** Read a [heads, n, width] tensor back (async: `dataSync` breaks the webgpu backend). */
export async function fromTensor(t: tf.Tensor3D): Promise<HeadBlock<Float32Array>> {
  const [heads, n, width] = t.shape;
  const data = (await t.data()) as Float32Array;
  return { heads, n, width, data };
}

/** Large negative logit for masked positions: exp(NEG − max) is exactly 0 in float32. */
export const NEG = -1e30;

/** 1/√d scaling of q, as every softmax variant uses. */
export function scaleQuery(q: tf.Tensor3D): tf.Tensor3D {
  return tf.mul(q, 1 / Math.sqrt(q.shape[2]));
}

/** Boolean [rows, cols] causal mask for queries 0…rows−1 and keys 0…cols−1: keep j ≤ i. */
export function causalKeep(rows: number, cols: number): tf.Tensor2D {
  return tf.tidy(() => {
    const i = tf.reshape(tf.range(0, rows, 1, 'int32'), [rows, 1]);
    const j = tf.reshape(tf.range(0, cols, 1, 'int32'), [1, cols]);
    return tf.lessEqual(j, i) as tf.Tensor2D;
  });
}

/** Row softmax of logits where `keep` is false set to NEG. */
export function maskedSoftmax<T extends tf.Tensor>(logits: T, keep: tf.Tensor | null): T {
  return tf.tidy(() => {
    const masked = keep ? tf.where(keep, logits, tf.fill(logits.shape, NEG)) : logits;
    return tf.softmax(masked) as T;
  });
}

/** Zero-pad axis 1 of a [heads, n, width] tensor to length `to`. */
export function padRows(x: tf.Tensor3D, to: number, before = 0): tf.Tensor3D {
  const after = to - before - x.shape[1];
  if (before === 0 && after === 0) return x.clone();
  return tf.pad(x, [
    [0, 0],
    [before, after],
    [0, 0],
  ]);
}
