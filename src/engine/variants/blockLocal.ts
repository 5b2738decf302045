import * as tf from '@tensorflow/tfjs-core';

/**
 * Block-local attention geometry shared by window and BigBird: queries are cut into blocks of
 * `block` rows; query block b sees key blocks b − before … b + after. Keys are padded so every
 * block has its neighbours; padded keys carry positions outside [0, n) and are masked.
 */
export interface BlockGeometry {
  block: number;
  before: number;
  after: number;
}

export interface LocalKeys {
  /** Queries scaled by 1/√d, [heads, blocks, block, d]. */
  q: tf.Tensor4D;
  /** Neighbour keys and values, [heads, blocks, (before+1+after)·block, d or dv]. */
  k: tf.Tensor4D;
  v: tf.Tensor4D;
  /** Absolute query positions [blocks, block, 1] and key positions [blocks, 1, keys] (int32). */
  qPos: tf.Tensor3D;
  kPos: tf.Tensor3D;
  blocks: number;
}

/** Rows of x: [heads, n, w] → [heads, blocks + extra, block, w], zero padded. */
export function toBlocks(
  x: tf.Tensor3D,
  block: number,
  padBefore: number,
  totalBlocks: number,
): tf.Tensor4D {
  const [heads, n, w] = x.shape;
  const padded = tf.pad(x, [
    [0, 0],
    [padBefore * block, totalBlocks * block - n - padBefore * block],
    [0, 0],
  ]);
  return tf.reshape(padded, [heads, totalBlocks, block, w]);
}

/** Gather each query block's neighbour blocks (call inside tf.tidy). */
export function localKeys(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  g: BlockGeometry,
): LocalKeys {
  const n = q.shape[1];
  const blocks = Math.ceil(n / g.block);
  const span = g.before + 1 + g.after;
  const qb = toBlocks(tf.mul(q, 1 / Math.sqrt(q.shape[2])) as tf.Tensor3D, g.block, 0, blocks);
  const kAll = toBlocks(k, g.block, g.before, blocks + g.before + g.after);
  const vAll = toBlocks(v, g.block, g.before, blocks + g.before + g.after);
  const neighbours = (x: tf.Tensor4D) => {
    const [heads, , b, w] = x.shape;
    const parts = Array.from({ length: span }, (_, o) =>
      tf.slice(x, [0, o, 0, 0], [heads, blocks, b, w]),
    );
    return tf.concat(parts, 2) as tf.Tensor4D; // [heads, blocks, span·block, w]
  };
  const qPos = tf.reshape(tf.range(0, blocks * g.block, 1, 'int32'), [blocks, g.block, 1]);
  const starts = tf.mul(tf.range(0, blocks, 1, 'int32'), g.block);
  const offsets = tf.range(-g.before * g.block, (g.after + 1) * g.block, 1, 'int32');
  const kPos = tf.add(
    tf.reshape(starts, [blocks, 1, 1]),
    tf.reshape(offsets, [1, 1, span * g.block]),
  );
  return {
    q: qb,
    k: neighbours(kAll),
    v: neighbours(vAll),
    qPos: qPos as tf.Tensor3D,
    kPos: kPos as tf.Tensor3D,
    blocks,
  };
}

/** keep ⇔ 0 ≤ kPos < n (the key exists). */
export function inRange(kPos: tf.Tensor, n: number): tf.Tensor {
  return tf.logicalAnd(tf.greaterEqual(kPos, 0), tf.less(kPos, n));
}

/** Blocked output [heads, blocks, block, dv] back to [heads, n, dv]. */
export function fromBlocks(x: tf.Tensor4D, n: number): tf.Tensor3D {
  const [heads, blocks, block, dv] = x.shape;
  const flat = tf.reshape(x, [heads, blocks * block, dv]) as tf.Tensor3D;
  return tf.slice(flat, [0, 0, 0], [heads, n, dv]);
}
