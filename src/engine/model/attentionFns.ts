import * as tf from '@tensorflow/tfjs-core';
import type { ParamValues } from '../../core/params';
import { causalKeep, NEG } from '../tensors';
import type { AttentionVariant } from '../variants/types';
import { add3, matMul3 } from './layerOps';

/**
 * The attention inside the model, per head: q, k, v are [N, n, dh] with N = batch·heads.
 * `softmaxAttention` is exact causal softmax (training, the 'dense' trace, MoDA's depth keys).
 * `variantAttention` swaps in an engine variant through its effective matrix: every variant is
 * linear in V, so its output for V = I (n×n per head) is the matrix it applies, and
 * matrix·V is the head's output: the heatmap and the output cannot disagree.
 */

export interface HeadInputs {
  q: tf.Tensor3D;
  k: tf.Tensor3D;
  v: tf.Tensor3D;
  /** MoDA: keys and values of the same tokens in earlier layers, each [N, n, dh]. */
  depth: { k: tf.Tensor3D[]; v: tf.Tensor3D[] } | null;
}

export interface HeadOutputs {
  out: tf.Tensor3D; // [N, n, dh]
  /** The applied weights [N, n, n] (recorded runs only). */
  map?: tf.Tensor3D;
  /** Exact causal softmax [N, n, n] (recorded runs only). */
  exact?: tf.Tensor3D;
  /** MoDA: mean over queries of the mass on depth keys, [N]. */
  depthMass?: tf.Tensor1D;
}

export type AttentionFn = (x: HeadInputs, record: boolean) => HeadOutputs;

function causalLogits(q: tf.Tensor3D, k: tf.Tensor3D): tf.Tensor3D {
  const [nh, n, dh] = q.shape;
  const scores = tf.mul(matMul3(q, k, false, true), 1 / Math.sqrt(dh)); // [N, n, n]
  const keep = tf.broadcastTo(causalKeep(n, n), [nh, n, n]);
  return tf.where(keep, scores, tf.fill([nh, n, n], NEG)) as tf.Tensor3D;
}

/** Exact causal softmax; with depth keys, one softmax over [sequence keys; depth keys]. */
export const softmaxAttention: AttentionFn = ({ q, k, v, depth }, record) => {
  const logits = causalLogits(q, k);
  if (!depth || depth.k.length === 0) {
    const p = tf.softmax(logits) as tf.Tensor3D;
    return { out: matMul3(p, v), ...(record ? { map: p, exact: p } : {}) };
  }
  const [nh, n, dh] = q.shape;
  const layers = depth.k.length;
  const scale = 1 / Math.sqrt(dh);
  // q_t · K_t^i for each earlier layer i → [N, n, layers]
  const depthLogits = tf.stack(
    depth.k.map((ki) => tf.mul(tf.sum(tf.mul(q, ki), -1), scale)),
    2,
  );
  const p = tf.softmax(tf.concat([logits, depthLogits], 2)) as tf.Tensor3D; // [N, n, n + layers]
  const seq = tf.slice(p, [0, 0, 0], [nh, n, n]) as tf.Tensor3D;
  const b = tf.slice(p, [0, 0, n], [nh, n, layers]);
  let out = matMul3(seq, v);
  depth.v.forEach((vi, i) => {
    out = add3(out, tf.mul(tf.slice(b, [0, 0, i], [nh, n, 1]), vi));
  });
  const depthMass = tf.mean(tf.sum(b, 2), 1) as tf.Tensor1D;
  return { out, depthMass, ...(record ? { map: seq, exact: seq } : {}) };
};

/** An engine variant (already checked with prepareCall) through its effective matrix. */
export function variantAttention(
  variant: AttentionVariant,
  params: ParamValues,
  seed: number,
): AttentionFn {
  return ({ q, k, v, depth }, record) => {
    if (depth) throw new Error('MoDA runs with exact softmax only');
    const [nh, n] = q.shape;
    const eye = tf.broadcastTo(tf.reshape(tf.eye(n), [1, n, n]), [nh, n, n]) as tf.Tensor3D; // V = I
    const m = variant.run(q, k, eye, { causal: true, params, seed }); // [N, n, n]
    const out = matMul3(m, v);
    if (!record) return { out };
    return { out, map: m, exact: tf.softmax(causalLogits(q, k)) as tf.Tensor3D };
  };
}
