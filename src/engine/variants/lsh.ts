import * as tf from '@tensorflow/tfjs-core';
import { createRng, deriveSeed } from '../../core/rng';
import { NEG } from '../tensors';
import { specFor } from './specFor';
import type { AttentionVariant } from './types';

/**
 * LSH attention after Reformer (Kitaev et al. 2020, arXiv 2001.04451), for separate Q and K:
 * queries and keys are normalised and hashed with the same random rotations,
 * h(x) = argmax([xR; −xR]); each round sorts both by (bucket, position), cuts them into chunks,
 * and each query chunk attends to the key chunk at the same place and the one before. Every
 * query also sees the key at its own position (in Reformer's shared-QK form a token's own key
 * is always in its chunk), so no row is empty under the causal mask. Rounds are merged exactly
 * as in Reformer: a pair seen c times has its logit lowered by log c, and the per-round results
 * are weighted by their log-sum-exp. The output is then softmax over the union of keys seen.
 */

const rotationCache = new Map<string, Float32Array>();

/** Random rotations [d, rounds·buckets/2], standard normal, seeded. */
function rotations(seed: number, d: number, rounds: number, half: number): Float32Array {
  const key = `${seed}:${d}:${rounds}:${half}`;
  let r = rotationCache.get(key);
  if (!r) {
    const rng = createRng(deriveSeed(seed, 'lsh'));
    r = Float32Array.from({ length: d * rounds * half }, () => rng.normal());
    if (rotationCache.size > 16) rotationCache.clear();
    rotationCache.set(key, r);
  }
  return r;
}

/** Batched row gather: x [B, n, w], idx [B, m] (int32, in range) → [B, m, w]. */
function gatherRows(x: tf.Tensor3D, idx: tf.Tensor2D): tf.Tensor3D {
  const [batch, n, w] = x.shape;
  const m = idx.shape[1];
  const offsets = tf.reshape(tf.range(0, batch * n, n, 'int32'), [batch, 1]);
  const flat = tf.reshape(tf.add(idx, offsets), [batch * m]);
  return tf.reshape(tf.gather(tf.reshape(x, [batch * n, w]), flat), [batch, m, w]);
}

/** Buckets [heads, rounds, n] of x [heads, n, d] under the rotations. */
function hash(x: tf.Tensor3D, rot: tf.Tensor2D, rounds: number): tf.Tensor3D {
  const [heads, n] = x.shape;
  const unit = tf.div(x, tf.add(tf.norm(x, 'euclidean', -1, true), 1e-12));
  const proj = tf.reshape(tf.matMul(unit, rot), [heads, n, rounds, -1]);
  const both = tf.concat([proj, tf.neg(proj)], 3);
  return tf.transpose(tf.argMax(both, 3), [0, 2, 1]) as tf.Tensor3D;
}

/** Ascending sort of [batch, n] by bucket then position → (order, rank of each position). */
function sortByBucket(buckets: tf.Tensor2D): { order: tf.Tensor2D; rank: tf.Tensor2D } {
  const n = buckets.shape[1];
  const pos = tf.range(0, n, 1, 'float32');
  const key = tf.add(tf.mul(tf.cast(buckets, 'float32'), n), pos); // distinct, exact < 2²⁴
  const order = tf.topk(tf.neg(key), n).indices as tf.Tensor2D;
  const rank = tf.topk(tf.neg(tf.cast(order, 'float32')), n).indices as tf.Tensor2D;
  return { order, rank };
}

/** [batch, n] int32 → [batch, np], padded with −1 (no token). */
const padPositions = (x: tf.Tensor2D, np: number) =>
  tf.pad(
    x,
    [
      [0, 0],
      [0, np - x.shape[1]],
    ],
    -1,
  ) as tf.Tensor2D;

interface LshParams {
  buckets: number;
  rounds: number;
  chunk: number;
}

export function lshAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  p: LshParams,
  causal: boolean,
  seed: number,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [heads, n, d] = q.shape;
    const dv = v.shape[2];
    const R = p.rounds;
    const hr = heads * R;
    const c = Math.min(p.chunk, n);
    const nc = Math.ceil(n / c);
    const np = nc * c;
    const ZERO = tf.scalar(0, 'int32'); // an int32 bound keeps gather indices int32
    const rot = tf.tensor2d(rotations(seed, d, R, p.buckets / 2), [d, (R * p.buckets) / 2]);
    const sq = sortByBucket(tf.reshape(hash(q, rot, R), [hr, n]));
    const sk = sortByBucket(tf.reshape(hash(k, rot, R), [hr, n]));

    // Positions in sorted order, chunked: queries [hr, nc, c], keys of chunk and previous [hr, nc, 2c].
    const qPos = tf.reshape(padPositions(sq.order, np), [hr, nc, c]);
    const kChunks = tf.reshape(padPositions(sk.order, np), [hr, nc, c]);
    const prev = tf.concat(
      [tf.fill([hr, 1, c], -1, 'int32'), tf.slice(kChunks, [0, 0, 0], [hr, nc - 1, c])],
      1,
    );
    const kPos = tf.concat([prev, kChunks], 2);
    // Every slot's key position: the window, then the query's own position. [hr, nc, c, 2c+1]
    const slotPos = tf.concat(
      [
        tf.broadcastTo(tf.reshape(kPos, [hr, nc, 1, 2 * c]), [hr, nc, c, 2 * c]),
        tf.reshape(qPos, [hr, nc, c, 1]),
      ],
      3,
    );
    const qPos4 = tf.reshape(qPos, [hr, nc, c, 1]);

    const tile = (x: tf.Tensor3D) =>
      tf.reshape(tf.tile(tf.reshape(x, [heads, 1, n, x.shape[2]]), [1, R, 1, 1]), [
        hr,
        n,
        x.shape[2],
      ]) as tf.Tensor3D;
    const clip = (pos: tf.Tensor) => tf.reshape(tf.maximum(pos, ZERO), [hr, -1]) as tf.Tensor2D;
    const qT = tile(tf.mul(q, 1 / Math.sqrt(d)) as tf.Tensor3D);
    const kT = tile(k);
    const vT = tile(v);
    const qSorted = tf.reshape(gatherRows(qT, clip(qPos)), [hr, nc, c, d]);
    const kWin = tf.reshape(gatherRows(kT, clip(kPos)), [hr, nc, 2 * c, d]);
    const vWin = tf.reshape(gatherRows(vT, clip(kPos)), [hr, nc, 2 * c, dv]);
    const kSelf = tf.reshape(gatherRows(kT, clip(qPos)), [hr, nc, c, d]);
    const vSelf = tf.reshape(gatherRows(vT, clip(qPos)), [hr, nc, c, dv]);
    const scores = tf.concat(
      [tf.matMul(qSorted, kWin, false, true), tf.sum(tf.mul(qSorted, kSelf), -1, true)],
      3,
    );

    // How often each (query, key) pair is seen over all rounds and slots.
    const chunkOf = (rank: tf.Tensor2D) =>
      tf.reshape(tf.floorDiv(rank, c), [heads, R, n]) as tf.Tensor3D;
    const chunkQ = chunkOf(sq.rank);
    const chunkK = chunkOf(sk.rank);
    const byHead = (pos: tf.Tensor) =>
      tf.reshape(tf.maximum(pos, ZERO), [heads, -1]) as tf.Tensor2D;
    let count: tf.Tensor = tf.mul(tf.cast(tf.equal(slotPos, qPos4), 'float32'), R);
    for (let r = 0; r < R; r++) {
      const column = (x: tf.Tensor3D) =>
        tf.reshape(tf.slice(x, [0, r, 0], [heads, 1, n]), [heads, n, 1]) as tf.Tensor3D;
      const cq = tf.reshape(gatherRows(column(chunkQ), byHead(qPos4)), [hr, nc, c, 1]);
      const ck = tf.reshape(gatherRows(column(chunkK), byHead(slotPos)), [hr, nc, c, 2 * c + 1]);
      const hit = tf.logicalOr(tf.equal(ck, cq), tf.equal(ck, tf.sub(cq, 1)));
      count = tf.add(count, tf.cast(hit, 'float32'));
    }

    let keep = tf.greaterEqual(slotPos, 0);
    if (causal) keep = tf.logicalAnd(keep, tf.lessEqual(slotPos, qPos4));
    const logits = tf.where(
      keep,
      tf.sub(scores, tf.log(tf.maximum(count, 1))),
      tf.fill(scores.shape, NEG),
    );
    const max = tf.max(logits, -1, true);
    const e = tf.exp(tf.sub(logits, max));
    const sum = tf.sum(e, -1, true);
    const lse = tf.add(max, tf.log(sum)); // [hr, nc, c, 1]
    const [pWin, pSelf] = tf.split(tf.div(e, sum), [2 * c, 1], 3);
    const out = tf.add(tf.matMul(pWin as tf.Tensor4D, vWin), tf.mul(pSelf, vSelf)); // [hr, nc, c, dv]

    // Back to token order, then merge the rounds by their log-sum-exp.
    const unsort = (x: tf.Tensor, w: number) =>
      tf.reshape(gatherRows(tf.reshape(x, [hr, np, w]) as tf.Tensor3D, sq.rank), [heads, R, n, w]);
    const outs = unsort(out, dv);
    const weights = tf.softmax(tf.transpose(unsort(lse, 1), [0, 2, 3, 1])); // [heads, n, 1, R]
    return tf.sum(tf.mul(tf.transpose(outs, [0, 2, 3, 1]), weights), -1) as tf.Tensor3D;
  });
}

export const lsh: AttentionVariant = {
  ...specFor('lsh'),
  run: (q, k, v, opts) =>
    lshAttention(
      q,
      k,
      v,
      { buckets: opts.params.buckets, rounds: opts.params.rounds, chunk: opts.params.chunk },
      opts.causal,
      opts.seed,
    ),
};
