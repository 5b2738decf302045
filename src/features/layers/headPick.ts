import type { ForwardTrace } from '../../core/model/trace';

/**
 * Which head a bare link opens on: the one that best matches the induction pattern (each
 * query looks at the token after the previous occurrence of its own token), scored on the
 * exact weights; and simple numbers that compare a variant's weights with the exact ones.
 */

/** For each query, the key the induction pattern points at, or -1 when the token is new. */
export function inductionTargets(tokens: readonly number[]): number[] {
  return tokens.map((tok, i) => {
    for (let j = i - 1; j >= 0; j--) if (tokens[j] === tok) return j + 1;
    return -1;
  });
}

/** Mean weight a T×T matrix puts on the induction targets (0 when no query has one). */
export function inductionScore(m: ArrayLike<number>, targets: readonly number[]): number {
  const t = targets.length;
  let sum = 0;
  let count = 0;
  targets.forEach((k, i) => {
    if (k < 0) return;
    sum += m[i * t + k];
    count++;
  });
  return count > 0 ? sum / count : 0;
}

export interface HeadPick {
  layer: number;
  head: number;
  score: number;
}

export function strongestInductionHead(trace: ForwardTrace): HeadPick {
  const targets = inductionTargets(trace.tokens);
  let best: HeadPick = { layer: 0, head: 0, score: -1 };
  trace.layers.forEach((layer, l) => {
    layer.exact.forEach((m, h) => {
      const score = inductionScore(m, targets);
      if (score > best.score) best = { layer: l, head: h, score };
    });
  });
  return { ...best, score: Math.max(0, best.score) };
}

/** The head shown: the chosen one (clamped to the model) or the strongest induction head. */
export function shownHead(
  trace: ForwardTrace,
  layer: number | null,
  head: number | null,
): HeadPick & { auto: boolean } {
  if (layer === null || head === null) return { ...strongestInductionHead(trace), auto: true };
  const l = Math.min(layer, trace.layers.length - 1);
  const h = Math.min(head, (trace.layers[l]?.exact.length ?? 1) - 1);
  const score = inductionScore(trace.layers[l].exact[h], inductionTargets(trace.tokens));
  return { layer: l, head: h, score, auto: false };
}

/** variant − exact, cell by cell (T×T). */
export function difference(used: ArrayLike<number>, exact: ArrayLike<number>): Float32Array {
  const out = new Float32Array(exact.length);
  for (let i = 0; i < out.length; i++) out[i] = used[i] - exact[i];
  return out;
}

export interface DiffStats {
  maxAbs: number;
  /** Mean over query rows of ½Σ|p̂ − p|: the share of attention mass moved (0…1). */
  meanTotalVariation: number;
}

export function diffStats(used: ArrayLike<number>, exact: ArrayLike<number>, t: number): DiffStats {
  let maxAbs = 0;
  let tv = 0;
  for (let i = 0; i < t; i++) {
    let row = 0;
    for (let j = 0; j < t; j++) {
      const d = Math.abs(used[i * t + j] - exact[i * t + j]);
      row += d;
      if (d > maxAbs) maxAbs = d;
    }
    tv += row / 2;
  }
  return { maxAbs, meanTotalVariation: t > 0 ? tv / t : 0 };
}
