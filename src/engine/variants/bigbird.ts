import * as tf from '@tensorflow/tfjs-core';
import { createRng, deriveSeed } from '../../core/rng';
import { causalKeep, maskedSoftmax, scaleQuery } from '../tensors';
import { fromBlocks, inRange, localKeys, toBlocks } from './blockLocal';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

/**
 * For each query block, `r` distinct random key blocks (−1 where none is left): outside the
 * window (|c − b| > 1; causal: c < b − 1, strictly in the past) and not wholly global.
 */
export function randomBlocks(
  blocks: number,
  r: number,
  firstCandidate: number,
  causal: boolean,
  seed: number,
): Int32Array {
  const rng = createRng(deriveSeed(seed, 'bigbird'));
  const out = new Int32Array(blocks * r).fill(-1);
  for (let b = 0; b < blocks; b++) {
    const pool: number[] = [];
    for (let c = firstCandidate; c < blocks; c++) {
      if (causal ? c < b - 1 : Math.abs(c - b) > 1) pool.push(c);
    }
    for (let s = 0; s < r && pool.length > 0; s++) {
      const pick = rng.int(pool.length);
      out[b * r + s] = pool[pick];
      pool[pick] = pool[pool.length - 1];
      pool.pop();
    }
  }
  return out;
}

/** Key positions of the chosen random blocks, [blocks, 1, r·block]; −1 marks none. */
function randomPositions(chosen: Int32Array, blocks: number, r: number, block: number) {
  const pos = new Int32Array(blocks * r * block);
  for (let i = 0; i < chosen.length; i++) {
    for (let j = 0; j < block; j++) pos[i * block + j] = chosen[i] < 0 ? -1 : chosen[i] * block + j;
  }
  return tf.tensor3d(pos, [blocks, 1, r * block], 'int32');
}

interface BigBirdParams {
  block: number;
  globals: number;
  random: number;
}

/**
 * BigBird (Zaheer et al. 2020, arXiv 2007.14062), ITC form: the first g tokens are global
 * (they see every key and every query sees them); every other query block sees its 3 window
 * blocks and r random blocks, all under one softmax. Keys reachable two ways are counted once.
 */
export function bigbirdAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  p: BigBirdParams,
  causal: boolean,
  seed: number,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [heads, n, d] = q.shape;
    const dv = v.shape[2];
    const b = Math.min(p.block, n);
    const g = Math.min(p.globals, n);
    const r = p.random;
    const local = localKeys(q, k, v, { block: b, before: 1, after: 1 });
    const blocks = local.blocks;
    const rows = blocks * b;
    const past = (kPos: tf.Tensor) => (causal ? tf.lessEqual(kPos, local.qPos) : null);
    const both = (a: tf.Tensor, c: tf.Tensor | null) => (c ? tf.logicalAnd(a, c) : a);

    const scores: tf.Tensor4D[] = [];
    const keeps: tf.Tensor[] = [];
    const values: tf.Tensor4D[] = [];
    if (g > 0) {
      const qFlat = tf.reshape(local.q, [heads, rows, d]) as tf.Tensor3D;
      const kg = tf.slice(k, [0, 0, 0], [heads, g, d]);
      scores.push(tf.reshape(tf.matMul(qFlat, kg, false, true), [heads, blocks, b, g]));
      const gPos = tf.reshape(tf.range(0, g, 1, 'int32'), [1, 1, g]);
      keeps.push(both(tf.broadcastTo(tf.greaterEqual(gPos, 0), [blocks, b, g]), past(gPos)));
      values.push(tf.reshape(tf.slice(v, [0, 0, 0], [heads, g, dv]), [heads, 1, g, dv]));
    }
    scores.push(tf.matMul(local.q, local.k, false, true)); // [heads, blocks, b, 3b]
    const notGlobal = (kPos: tf.Tensor) =>
      tf.logicalAnd(inRange(kPos, n), tf.greaterEqual(kPos, g));
    keeps.push(both(tf.broadcastTo(notGlobal(local.kPos), [blocks, b, 3 * b]), past(local.kPos)));
    values.push(local.v);
    if (r > 0) {
      const chosen = randomBlocks(blocks, r, Math.floor(g / b), causal, seed);
      const idx = tf.tensor1d(
        chosen.map((c) => Math.max(c, 0)),
        'int32',
      );
      const gatherBlocks = (x: tf.Tensor3D) =>
        tf.reshape(tf.gather(toBlocks(x, b, 0, blocks), idx, 1), [
          heads,
          blocks,
          r * b,
          x.shape[2],
        ]);
      const kr = gatherBlocks(k) as tf.Tensor4D;
      const rPos = randomPositions(chosen, blocks, r, b);
      scores.push(tf.matMul(local.q, kr, false, true)); // [heads, blocks, b, r·b]
      keeps.push(both(tf.broadcastTo(notGlobal(rPos), [blocks, b, r * b]), past(rPos)));
      values.push(gatherBlocks(v) as tf.Tensor4D);
    }

    const all = tf.concat(scores, 3);
    const keep = tf.broadcastTo(tf.concat(keeps, 2), all.shape);
    const widths = scores.map((s) => s.shape[3] ?? 0);
    const probs = tf.split(maskedSoftmax(all, keep), widths, 3);
    let out: tf.Tensor4D = tf.zeros([heads, blocks, b, dv]);
    probs.forEach((pr, i) => {
      const [, vb, vk] = values[i].shape;
      const vals = vb === 1 ? tf.broadcastTo(values[i], [heads, blocks, vk, dv]) : values[i];
      out = tf.add(out, tf.matMul(pr as tf.Tensor4D, vals));
    });
    const localRows = fromBlocks(out, n);
    if (g === 0) return localRows;
    const globalRows = globalQueryRows(q, k, v, g, causal);
    if (g === n) return globalRows;
    const rest = tf.slice(localRows, [0, g, 0], [heads, n - g, dv]);
    return tf.concat([globalRows, rest], 1) as tf.Tensor3D;
  });
}

/** The first g query rows are global: they attend to every key (causal: j ≤ i). */
function globalQueryRows(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  g: number,
  causal: boolean,
): tf.Tensor3D {
  const [heads, n, d] = q.shape;
  const qg = scaleQuery(tf.slice(q, [0, 0, 0], [heads, g, d]));
  const sg = tf.matMul(qg, k, false, true); // [heads, g, n]
  const keep = causal ? tf.broadcastTo(causalKeep(g, n), sg.shape) : null;
  return tf.matMul(maskedSoftmax(sg, keep), v);
}

export const bigbird: AttentionVariant = {
  ...specFor('bigbird'),
  run: (q, k, v, opts) =>
    bigbirdAttention(
      q,
      k,
      v,
      { block: opts.params.block, globals: opts.params.globals, random: opts.params.random },
      opts.causal,
      opts.seed,
    ),
};
