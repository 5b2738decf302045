import * as tf from '@tensorflow/tfjs-core';
import { LN_EPS, RMS_EPS } from '../../core/model/config';

/**
 * Batched building blocks of the tfjs forward. Plain tf.* calls (no chained methods: this build
 * does not register them); float32 only (int32 transposes break on webgpu).
 */

/** Weights by name (plain tensors for inference, tf.Variables for training). */
export type TensorMap = Record<string, tf.Tensor>;

/** x [B, T, din] · w [din, dout] (+ b) → [B, T, dout]. */
export function linear(x: tf.Tensor3D, w: tf.Tensor, b?: tf.Tensor): tf.Tensor3D {
  const [bs, t, din] = x.shape;
  const dout = w.shape[1] as number;
  const y = tf.matMul(tf.reshape(x, [bs * t, din]), w as tf.Tensor2D); // [B·T, dout]
  return tf.reshape(b ? tf.add(y, b) : y, [bs, t, dout]);
}

export function layerNorm(x: tf.Tensor3D, g: tf.Tensor, b: tf.Tensor): tf.Tensor3D {
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, LN_EPS))), g), b);
}

export function rmsNorm(x: tf.Tensor3D): tf.Tensor3D {
  return tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), RMS_EPS)));
}

/** [B, T, H·dh] → [B·H, T, dh]. */
export function splitHeads(x: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [bs, t, d] = x.shape;
  const dh = d / heads;
  const x4 = tf.transpose(tf.reshape(x, [bs, t, heads, dh]), [0, 2, 1, 3]); // [B, H, T, dh]
  return tf.reshape(x4, [bs * heads, t, dh]);
}

/** [B·H, T, dh] → [B, T, H·dh]. */
export function mergeHeads(x: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [bh, t, dh] = x.shape;
  const bs = bh / heads;
  const x4 = tf.transpose(tf.reshape(x, [bs, heads, t, dh]), [0, 2, 1, 3]); // [B, T, H, dh]
  return tf.reshape(x4, [bs, t, heads * dh]);
}

export function mlp(w: TensorMap, l: number, u: tf.Tensor3D): tf.Tensor3D {
  const p = `l${l}.`;
  const hidden = tf.relu(linear(u, w[`${p}w1`], w[`${p}b1`]));
  return linear(hidden, w[`${p}w2`], w[`${p}b2`]);
}

/**
 * Token + position embeddings of a batch of equal-length sequences → [B, T, d]. The lookup is a
 * one-hot matmul built on the CPU: no int32 tensors, and its gradient needs no
 * UnsortedSegmentSum (which the wasm backend lacks).
 */
export function embed(w: TensorMap, tokens: readonly (readonly number[])[]): tf.Tensor3D {
  const bs = tokens.length;
  const t = tokens[0].length;
  const [vocab, d] = w.tokEmb.shape as [number, number];
  const hot = new Float32Array(bs * t * vocab);
  tokens.flat().forEach((id, i) => {
    hot[i * vocab + id] = 1;
  });
  const tok = tf.matMul(tf.tensor2d(hot, [bs * t, vocab]), w.tokEmb as tf.Tensor2D); // [B·T, d]
  const pos = tf.slice(w.posEmb, [0, 0], [t, d]); // [T, d], broadcast over the batch
  return tf.add(tf.reshape(tok, [bs, t, d]), pos);
}

/** Lower-triangular float mask [n, n] (1 where key j ≤ query i). */
export function causalOnes(n: number): tf.Tensor2D {
  return tf.linalg.bandPart(tf.ones([n, n]), -1, 0);
}

/** tf.add typed for the [B, T, d] tensors of the forward. */
export const add3 = (a: tf.Tensor, b: tf.Tensor) => tf.add(a, b) as tf.Tensor3D;
export const mul3 = (a: tf.Tensor, b: tf.Tensor) => tf.mul(a, b) as tf.Tensor3D;
export const matMul3 = (a: tf.Tensor, b: tf.Tensor, ta = false, tb = false) =>
  tf.matMul(a, b, ta, tb) as tf.Tensor3D;
