import { type AttentionInputs, type HeadBlock, prefixBlock } from '../../../core/headBlock';
import { keepAll, keepCausal, referenceWeights } from '../../../core/reference/dense';
import { powersOfTwo } from './labConfig';

/**
 * The attention maps of the user's own heads: softmax's weights in float64 beside a variant's
 * (run with V = I by the worker), on the first n rows of the file. n stays small enough for a
 * map to read cell by cell.
 */

export const MAP_N = [16, 128] as const;

/** The n a map can be drawn at: powers of two up to the file's n and MAP_N's top. */
export const mapNs = (fileN: number): number[] => powersOfTwo(MAP_N[0], Math.min(fileN, MAP_N[1]));

/** q and k of the file's first n rows (the worker needs no v: it runs the variant on V = I). */
export function mapInputs(
  inputs: { q: HeadBlock<Float32Array>; k: HeadBlock<Float32Array> },
  n: number,
): { q: HeadBlock<Float32Array>; k: HeadBlock<Float32Array> } {
  return { q: prefixBlock(inputs.q, n), k: prefixBlock(inputs.k, n) };
}

/** softmax(q kᵀ / √d) of one head in float64 (n × n, row-major). */
export function exactMap(
  inputs: { q: HeadBlock; k: HeadBlock },
  head: number,
  causal: boolean,
): Float64Array {
  const { q, k } = inputs;
  // referenceWeights reads only q and k.
  const qk = { q, k, v: q } as AttentionInputs;
  return referenceWeights(qk, head, causal ? keepCausal : keepAll);
}

/** One head's n × n slice of heads × n × n weights. */
export const headMap = (weights: Float32Array, head: number, n: number): Float32Array =>
  weights.subarray(head * n * n, (head + 1) * n * n);

/** ‖approx − exact‖_F / ‖exact‖_F of one map. */
export function mapError(exact: ArrayLike<number>, approx: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < exact.length; i++) {
    diff += (approx[i] - exact[i]) ** 2;
    norm += exact[i] ** 2;
  }
  return Math.sqrt(diff / norm);
}
