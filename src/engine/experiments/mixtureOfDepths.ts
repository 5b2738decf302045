import * as tf from '@tensorflow/tfjs-core';
import { createRng, deriveSeed } from '../../core/rng';
import { denseAttention } from '../variants/dense';
import { specFor } from '../variants/specFor';
import type { AttentionVariant } from '../variants/types';

/**
 * Mixture-of-Depths routing (Raposo et al. 2024, arXiv 2404.02258) applied to one attention
 * block: a router score rᵢ = wᵀxᵢ per token, only the top C = ⌈capacity·n⌉ tokens go through
 * attention, the rest skip it (their update is 0). Attention among C tokens still costs C²:
 * the routed block is (C/n)² of full, and its exponent in n stays 2.
 */

/** Router weights w ∈ ℝᵈ, seeded. */
export function routerWeights(d: number, seed: number): Float32Array {
  const rng = createRng(deriveSeed(seed, 'mod-router'));
  return Float32Array.from({ length: d }, () => rng.normal());
}

export const routedCount = (n: number, capacity: number) => Math.max(1, Math.ceil(capacity * n));

/**
 * The routed block's update Δ: [heads, n, dv], rᵢ·attention(x̃)ᵢ for routed tokens (top C by
 * router score, attending among themselves) and 0 for the tokens that skip. x = q here.
 */
export function routedAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  capacity: number,
  seed: number,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [heads, n, d] = q.shape;
    const dv = v.shape[2];
    const c = routedCount(n, capacity);
    const w = tf.tensor2d(routerWeights(d, seed), [d, 1]);
    const scores = tf.reshape(tf.matMul(q, tf.broadcastTo(w, [heads, d, 1])), [heads, n]);
    const top = tf.topk(scores, c); // [heads, c]
    // Keep routed tokens in sequence order (matters once a causal mask is used).
    const order = tf.topk(tf.neg(tf.cast(top.indices, 'float32')), c).indices;
    const idx = tf.gather(top.indices, order, 1, 1) as tf.Tensor2D; // [heads, c] ascending
    const r = tf.gather(top.values, order, 1, 1); // router scores of the routed tokens
    const pick = (x: tf.Tensor3D) => tf.gather(x, idx, 1, 1) as tf.Tensor3D; // [heads, c, w]
    const attended = denseAttention(pick(q), pick(k), pick(v), false); // [heads, c, dv]
    const update = tf.mul(attended, tf.reshape(r, [heads, c, 1]));
    const head = tf.broadcastTo(tf.reshape(tf.range(0, heads, 1, 'int32'), [heads, 1]), [heads, c]);
    const where = tf.reshape(tf.stack([head, idx], 2), [heads * c, 2]);
    return tf.scatterND(where, tf.reshape(update, [heads * c, dv]), [heads, n, dv]) as tf.Tensor3D;
  });
}

/** The routed block as a measurable variant (dense attention among the routed tokens). */
export function routedVariant(capacity: number): AttentionVariant {
  const dense = specFor('dense');
  return {
    ...dense,
    id: `mod-${capacity}`,
    label: `Dense over the top ${Math.round(capacity * 100)}% routed tokens`,
    cost: (s, p) => {
      const c = routedCount(s.n, capacity);
      return dense.cost({ ...s, n: c }, p);
    },
    run: (q, k, v, opts) => routedAttention(q, k, v, capacity, opts.seed),
  };
}
