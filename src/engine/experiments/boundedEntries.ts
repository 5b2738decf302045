import { generateInputs } from '../../core/inputs';
import { maxAbsError, relativeError } from '../../core/metrics';
import { referenceAttention } from '../../core/reference/dense';
import { runAttention } from '../runAttention';

/**
 * Alman & Song 2023 (arXiv 2302.13214), "Fast Attention Requires Bounded Entries": with entries
 * of Q, K, V in [−B, B] and d = O(log n), sub-quadratic approximation is possible for
 * B = o(√log n) and impossible (under SETH) for B = Θ(√log n). Here: entries uniform in [−B, B],
 * d = ⌈c·log₂ n⌉, fixed-budget approximations measured against dense as B²/ln n grows.
 */
export interface BoundedEntriesOptions {
  ns: readonly number[];
  /** Values of B²/ln n. */
  ratios: readonly number[];
  /** d = ⌈c·log₂ n⌉. */
  c: number;
  /** Variants with their fixed budgets, e.g. { performer: { m: 64 } }. */
  budgets: Record<string, Record<string, number>>;
  seed: number;
}

export interface BoundedEntriesPoint {
  variant: string;
  n: number;
  d: number;
  ratio: number;
  b: number;
  relError: number;
  /** ‖Ô − O‖∞ entrywise: the error Alman & Song bound. */
  maxAbsError: number;
}

export async function boundedEntries(o: BoundedEntriesOptions): Promise<BoundedEntriesPoint[]> {
  const out: BoundedEntriesPoint[] = [];
  for (const n of o.ns) {
    const d = Math.max(1, Math.ceil(o.c * Math.log2(n)));
    for (const ratio of o.ratios) {
      const b = Math.sqrt(ratio * Math.log(n));
      const inputs = generateInputs({ kind: 'bounded', heads: 1, n, d, seed: o.seed, scale: b });
      const exact = referenceAttention(inputs);
      for (const [variant, params] of Object.entries(o.budgets)) {
        const { output } = await runAttention({
          variant,
          inputs,
          causal: false,
          params,
          seed: o.seed,
        });
        out.push({
          variant,
          n,
          d,
          ratio,
          b,
          relError: relativeError(output, exact),
          maxAbsError: maxAbsError(output, exact),
        });
      }
    }
  }
  return out;
}
