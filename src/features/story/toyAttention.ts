import { headBlock } from '../../core/headBlock';
import { keepAll, referenceWeights } from '../../core/reference/dense';

/**
 * The opening step's example: four tokens with two-dimensional queries, keys and values, small
 * enough to read every number. Scores and weights come from the float64 reference (core), with
 * the queries multiplied by a sharpness factor so the reader can watch the softmax concentrate.
 */
export const TOY_TOKENS = ['the', 'cat', 'sat', 'down'] as const;
export const TOY_D = 2;
/** Rows are tokens, [n, d]: "cat" and "sat" look for each other, "the" and "down" look ahead. */
const Q = [
  [0.2, 1.0],
  [1.0, 0.4],
  [1.2, -0.2],
  [-0.6, 0.9],
];
const K = [
  [-0.4, 0.8],
  [1.1, -0.1],
  [0.9, 0.5],
  [0.1, 1.0],
];
const V = [
  [1.0, 0.0],
  [0.0, 1.0],
  [0.5, 0.5],
  [-1.0, 0.5],
];

export const TOY_SHARPNESS = [0.5, 1, 2, 4] as const;

export interface ToyAttention {
  n: number;
  d: number;
  /** The queries used (already multiplied by the sharpness), keys and values, row-major. */
  q: number[][];
  k: number[][];
  v: number[][];
  /** S = QKᵀ/√d, [n, n] row-major. */
  scores: Float64Array;
  /** P = rowsoftmax(S), [n, n] row-major. */
  weights: Float64Array;
  /** O = PV, [n, d] row-major. */
  output: Float64Array;
}

const flat = (rows: number[][]) => Float64Array.from(rows.flat());

export function toyAttention(sharpness: number): ToyAttention {
  const n = TOY_TOKENS.length;
  const d = TOY_D;
  const q = Q.map((row) => row.map((x) => x * sharpness));
  const inputs = {
    q: headBlock(1, n, d, flat(q)),
    k: headBlock(1, n, d, flat(K)),
    v: headBlock(1, n, d, flat(V)),
  };
  const scores = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      scores[i * n + j] = (q[i][0] * K[j][0] + q[i][1] * K[j][1]) / Math.sqrt(d);
  const weights = referenceWeights(inputs, 0, keepAll);
  const output = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let t = 0; t < d; t++) output[i * d + t] += weights[i * n + j] * V[j][t];
  return { n, d, q, k: K, v: V, scores, weights, output };
}
