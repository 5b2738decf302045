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
  // Transpose the float projections, not the int32 buckets: tfjs-webgpu 4.22's transpose
  // shader mistypes int32 tensors.
  const proj = tf.transpose(tf.reshape(tf.matMul(unit, rot), [heads, n, rounds, -1]), [0, 2, 1, 3]);
  return tf.argMax(tf.concat([proj, tf.neg(proj)], 3), 3) as tf.Tensor3D; // [heads, rounds, n]
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

/** Sizes shared by the steps below: hr = heads·rounds batches of np = nc·c sorted slots. */
interface Geometry {
  heads: number;
  n: number;
  rounds: number;
  hr: number;
  c: number;
  nc: number;
  np: number;
}

/** Sorted order and rank of every position, per (head, round): int32 [hr, n]. */
interface Sorted {
  qOrder: tf.Tensor2D;
  qRank: tf.Tensor2D;
  kOrder: tf.Tensor2D;
  kRank: tf.Tensor2D;
}

function hashAndSort(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  p: LshParams,
  seed: number,
  g: Geometry,
): Sorted {
  return tf.tidy(() => {
    const d = q.shape[2];
    const half = p.buckets / 2;
    const rot = tf.tensor2d(rotations(seed, d, g.rounds, half), [d, g.rounds * half]);
    const sq = sortByBucket(tf.reshape(hash(q, rot, g.rounds), [g.hr, g.n]));
    const sk = sortByBucket(tf.reshape(hash(k, rot, g.rounds), [g.hr, g.n]));
    return { qOrder: sq.order, qRank: sq.rank, kOrder: sk.order, kRank: sk.rank };
  });
}

/** x [heads, n, w] repeated for every round: [hr, n, w]. */
function perRound(x: tf.Tensor3D, rounds: number): tf.Tensor3D {
  const [heads, n, w] = x.shape;
  return tf.reshape(tf.tile(tf.reshape(x, [heads, 1, n, w]), [1, rounds, 1, 1]), [
    heads * rounds,
    n,
    w,
  ]);
}

/**
 * How often each (query, slot key) pair is seen over all rounds, [hr, nc, c, 2c+1]: key j is
 * in query i's window in round r iff chunk_r(j) ∈ {chunk_r(i), chunk_r(i) − 1}; the own-position
 * slot adds one sighting of (i, i) per round.
 */
function pairCounts(s: Sorted, qPos: tf.Tensor3D, kPos: tf.Tensor3D, g: Geometry): tf.Tensor4D {
  return tf.tidy(() => {
    const { heads, n, rounds, hr, c, nc } = g;
    const zero = tf.scalar(0, 'int32');
    const chunkQ = tf.reshape(tf.floorDiv(s.qRank, tf.scalar(c, 'int32')), [heads, rounds, n, 1]);
    const chunkK = tf.reshape(tf.floorDiv(s.kRank, tf.scalar(c, 'int32')), [heads, rounds, n, 1]);
    const byHead = (pos: tf.Tensor) =>
      tf.reshape(tf.maximum(pos, zero), [heads, -1]) as tf.Tensor2D;
    const column = (x: tf.Tensor, r: number) =>
      tf.reshape(tf.slice(x, [0, r, 0, 0], [heads, 1, n, 1]), [heads, n, 1]) as tf.Tensor3D;
    let window: tf.Tensor = tf.zeros([hr, nc, c, 2 * c]);
    let self: tf.Tensor = tf.fill([hr, nc, c, 1], rounds);
    for (let r = 0; r < rounds; r++) {
      // One round at a time, disposing its temporaries: peak memory stays O(n·c).
      const [nextWindow, nextSelf] = tf.tidy(() => {
        const cq = tf.reshape(gatherRows(column(chunkQ, r), byHead(qPos)), [hr, nc, c, 1]);
        const ck = tf.reshape(gatherRows(column(chunkK, r), byHead(kPos)), [hr, nc, 1, 2 * c]);
        const ckSelf = tf.reshape(gatherRows(column(chunkK, r), byHead(qPos)), [hr, nc, c, 1]);
        const seen = (key: tf.Tensor) =>
          tf.cast(tf.logicalOr(tf.equal(key, cq), tf.equal(key, tf.sub(cq, 1))), 'float32');
        return [tf.add(window, seen(ck)), tf.add(self, seen(ckSelf))];
      });
      tf.dispose([window, self]);
      window = nextWindow;
      self = nextSelf;
    }
    // A window slot holding the query's own key is also seen once per round in the self slot.
    const ownKey = tf.equal(tf.reshape(kPos, [hr, nc, 1, 2 * c]), tf.reshape(qPos, [hr, nc, c, 1]));
    window = tf.add(window, tf.mul(tf.cast(ownKey, 'float32'), rounds));
    return tf.concat([window, self], 3) as tf.Tensor4D;
  });
}

/**
 * Attention inside each round's chunks: per sorted query, the normalised output and its
 * log-sum-exp, [hr, np, dv] and [hr, np, 1].
 */
function attendInChunks(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  s: Sorted,
  causal: boolean,
  g: Geometry,
): { out: tf.Tensor3D; lse: tf.Tensor3D } {
  return tf.tidy(() => {
    const { hr, c, nc, np } = g;
    const d = q.shape[2];
    const dv = v.shape[2];
    const zero = tf.scalar(0, 'int32');
    // Sorted positions, −1 for padding: queries [hr, nc, c], keys of this and the previous chunk [hr, nc, 2c].
    const qPos = tf.reshape(padPositions(s.qOrder, np), [hr, nc, c]) as tf.Tensor3D;
    const kChunks = tf.reshape(padPositions(s.kOrder, np), [hr, nc, c]);
    const before = tf.slice(kChunks, [0, 0, 0], [hr, nc - 1, c]);
    const prev = tf.concat([tf.fill([hr, 1, c], -1, 'int32'), before], 1);
    const kPos = tf.concat([prev, kChunks], 2) as tf.Tensor3D;
    const clip = (pos: tf.Tensor) => tf.reshape(tf.maximum(pos, zero), [hr, -1]) as tf.Tensor2D;

    const logits = tf.tidy(() => {
      const qs = perRound(tf.mul(q, 1 / Math.sqrt(d)) as tf.Tensor3D, g.rounds);
      const kr = perRound(k, g.rounds);
      const qSorted = tf.reshape(gatherRows(qs, clip(qPos)), [hr, nc, c, d]);
      const kWin = tf.reshape(gatherRows(kr, clip(kPos)), [hr, nc, 2 * c, d]);
      const kSelf = tf.reshape(gatherRows(kr, clip(qPos)), [hr, nc, c, d]);
      const scores = tf.concat(
        [tf.matMul(qSorted, kWin, false, true), tf.sum(tf.mul(qSorted, kSelf), -1, true)],
        3,
      ); // [hr, nc, c, 2c+1]
      const slotPos = tf.concat(
        [
          tf.broadcastTo(tf.reshape(kPos, [hr, nc, 1, 2 * c]), [hr, nc, c, 2 * c]),
          tf.reshape(qPos, [hr, nc, c, 1]),
        ],
        3,
      );
      let keep = tf.greaterEqual(slotPos, 0);
      if (causal)
        keep = tf.logicalAnd(keep, tf.lessEqual(slotPos, tf.reshape(qPos, [hr, nc, c, 1])));
      const corrected = tf.sub(scores, tf.log(tf.maximum(pairCounts(s, qPos, kPos, g), 1)));
      return tf.where(keep, corrected, tf.fill(scores.shape, NEG));
    });
    const max = tf.max(logits, -1, true);
    const e = tf.exp(tf.sub(logits, max));
    const sum = tf.sum(e, -1, true);
    const [pWin, pSelf] = tf.split(tf.div(e, sum), [2 * c, 1], 3);
    const vr = perRound(v, g.rounds);
    const vWin = tf.reshape(gatherRows(vr, clip(kPos)), [hr, nc, 2 * c, dv]);
    const vSelf = tf.reshape(gatherRows(vr, clip(qPos)), [hr, nc, c, dv]);
    const out = tf.add(tf.matMul(pWin as tf.Tensor4D, vWin), tf.mul(pSelf, vSelf));
    return {
      out: tf.reshape(out, [hr, np, dv]) as tf.Tensor3D,
      lse: tf.reshape(tf.add(max, tf.log(sum)), [hr, np, 1]) as tf.Tensor3D,
    };
  });
}

export function lshAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  p: LshParams,
  causal: boolean,
  seed: number,
): tf.Tensor3D {
  const [heads, n] = q.shape;
  const dv = v.shape[2];
  const c = Math.min(p.chunk, n);
  const nc = Math.ceil(n / c);
  const g: Geometry = { heads, n, rounds: p.rounds, hr: heads * p.rounds, c, nc, np: nc * c };
  const sorted = hashAndSort(q, k, p, seed, g);
  const rounds = attendInChunks(q, k, v, sorted, causal, g);
  const result = tf.tidy(() => {
    // Back to token order, then merge the rounds weighted by their log-sum-exp.
    const unsort = (x: tf.Tensor3D, w: number) =>
      tf.reshape(gatherRows(x, sorted.qRank), [heads, p.rounds, n, w]);
    const outs = tf.transpose(unsort(rounds.out, dv), [0, 2, 3, 1]); // [heads, n, dv, rounds]
    const weights = tf.softmax(tf.transpose(unsort(rounds.lse, 1), [0, 2, 3, 1])); // [heads, n, 1, rounds]
    return tf.sum(tf.mul(outs, weights), -1) as tf.Tensor3D;
  });
  tf.dispose([sorted.qOrder, sorted.qRank, sorted.kOrder, sorted.kRank, rounds.out, rounds.lse]);
  return result;
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
