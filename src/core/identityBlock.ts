import type { HeadBlock } from './headBlock';

/**
 * V = I for every head ([heads, n, n]): attention is linear in V, so any variant run on it
 * returns the weights it applies (row i: what query i puts on each key).
 */
export function identityBlock(heads: number, n: number): HeadBlock<Float32Array> {
  const data = new Float32Array(heads * n * n);
  for (let h = 0; h < heads; h++) for (let i = 0; i < n; i++) data[h * n * n + i * n + i] = 1;
  return { heads, n, width: n, data };
}
