import * as tf from '@tensorflow/tfjs-core';
import { createRng, deriveSeed } from '../../core/rng';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

const projectionCache = new Map<string, Float32Array>();

/**
 * Linformer's fixed projection for (seed, purpose, k, n): k×n entries N(0, 1/k). Drawn once
 * and kept as plain numbers (in a trained model these are weights, not per-call work).
 */
export function linformerProjection(seed: number, purpose: 'E' | 'F', k: number, n: number) {
  const key = `${seed}:${purpose}:${k}:${n}`;
  let p = projectionCache.get(key);
  if (!p) {
    const rng = createRng(deriveSeed(seed, `linformer-${purpose}`));
    const sd = 1 / Math.sqrt(k);
    p = Float32Array.from({ length: k * n }, () => sd * rng.normal());
    if (projectionCache.size > 16) projectionCache.clear();
    projectionCache.set(key, p);
  }
  return p;
}

/** Linformer (Wang et al. 2020, arXiv 2006.04768): softmax(Q(EK)ᵀ/√d)(FV), non-causal. */
export const linformer: AttentionVariant = {
  ...specFor('linformer'),
  run: (q, k, v, opts) =>
    tf.tidy(() => {
      const n = q.shape[1];
      const rows = opts.params.k;
      const e = tf.tensor2d(linformerProjection(opts.seed, 'E', rows, n), [rows, n]);
      const f = tf.tensor2d(linformerProjection(opts.seed, 'F', rows, n), [rows, n]);
      // [k, n] × [heads, n, d]: broadcast the projection over heads.
      const ek = tf.matMul(tf.broadcastTo(e, [q.shape[0], rows, n]), k); // [heads, k, d]
      const fv = tf.matMul(tf.broadcastTo(f, [q.shape[0], rows, n]), v); // [heads, k, dv]
      const p = tf.softmax(tf.matMul(tf.mul(q, 1 / Math.sqrt(q.shape[2])), ek, false, true));
      return tf.matMul(p, fv) as tf.Tensor3D; // [heads, n, dv]
    }),
};
