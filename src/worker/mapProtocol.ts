import * as v from 'valibot';
import type { HeadBlock } from '../core/headBlock';
import { SEED_RANGE } from '../core/rng';
import { bool, finite, intIn, object } from '../core/schemas/fields';
import { expected } from '../core/schemas/issues';
import { VARIANT_IDS } from '../core/variantSpecs';
import { crossCheck, expectedGot, type Fits, oneOf, requestId } from './requestFields';
import { headBlockSchema } from './sweepProtocol';

/**
 * The attention-map job (pure: no tfjs): a variant's attention weights on the user's own q and
 * k, one n × n map per head. Every variant is linear in V, so running it with V = I (n × n)
 * gives the weights it applies, exact or approximate; the page draws them beside softmax's,
 * computed in float64. n stays small: V = I is n wide.
 */

export const MAP_LIMITS = { n: [16, 256], seed: SEED_RANGE } as const;

export interface AttentionMapRequest {
  type: 'attentionMap';
  id: number;
  variant: string;
  params?: Record<string, number>;
  causal: boolean;
  seed: number;
  q: HeadBlock<Float32Array>;
  k: HeadBlock<Float32Array>;
}

export interface AttentionMapOutcome {
  variant: string;
  heads: number;
  n: number;
  /** heads × n × n: row i holds the weights query i puts on each key. */
  weights: Float32Array;
}

export interface AttentionMapResultResponse extends AttentionMapOutcome {
  type: 'attentionMapResult';
  id: number;
}

export const attentionMapRequestSchema = v.pipe(
  object({
    type: v.literal('attentionMap'),
    id: requestId(),
    variant: oneOf(VARIANT_IDS, 'a variant id'),
    params: v.optional(v.record(v.string(), finite(), expected('an object of numbers'))),
    causal: bool(),
    seed: intIn(MAP_LIMITS.seed),
    q: headBlockSchema,
    k: headBlockSchema,
  }),
  crossCheck((m) => {
    const [lo, hi] = MAP_LIMITS.n;
    if (m.q.n < lo || m.q.n > hi) {
      return [['q', 'n'], expectedGot(`an n in [${lo}, ${hi}]`, m.q.n)];
    }
    for (const key of ['heads', 'n', 'width'] as const) {
      if (m.k[key] !== m.q[key]) {
        return [['k', key], expectedGot(`q's ${key} (${m.q[key]})`, m.k[key])];
      }
    }
    return null;
  }),
);

const mapFits: Fits<v.InferOutput<typeof attentionMapRequestSchema>, AttentionMapRequest> = true;
void mapFits;
