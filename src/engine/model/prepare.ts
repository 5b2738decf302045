import { configProblem, modKeep } from '../../core/model/config';
import type { ModelConfig } from '../../core/model/trace';
import type { ParamValues } from '../../core/params';
import type { DeviceLimits } from '../../core/variantSpec';
import { prepareCall, RefusedError } from '../runAttention';
import { type AttentionFn, softmaxAttention, variantAttention } from './attentionFns';

/**
 * Checks before a model forward: the tokens fit the model, and the chosen variant can run
 * causally at every attention length the forward uses (T, and the routed count on MoD layers).
 * Every problem is a RefusedError with the reason.
 */

export function checkTokens(c: ModelConfig, tokens: readonly number[]): void {
  const problem = configProblem(c);
  if (problem) throw new RefusedError(`the model's configuration is invalid: ${problem}`);
  if (tokens.length === 0) throw new RefusedError('the sequence is empty');
  if (tokens.length > c.context) {
    throw new RefusedError(
      `the sequence has ${tokens.length} tokens; this model's context is ${c.context}`,
    );
  }
  const bad = tokens.findIndex((t) => !Number.isInteger(t) || t < 0 || t >= c.vocab);
  if (bad >= 0) {
    throw new RefusedError(
      `token ${String(tokens[bad])} at position ${bad} is outside the vocabulary [0, ${c.vocab})`,
    );
  }
}

/** The attention lengths of a forward on t tokens. */
export function attentionLengths(c: ModelConfig, t: number): number[] {
  const ns = new Set([t]);
  if (c.mod) ns.add(modKeep(c.mod.capacity, t));
  if (c.mod && c.mod.layers.length === c.layers) ns.delete(t);
  return [...ns];
}

export interface PreparedModelAttention {
  attention: AttentionFn;
  /** The variant's resolved parameters ({} for dense). */
  params: ParamValues;
}

/**
 * The attention function for a variant on this model, or a RefusedError: a variant that cannot
 * run causally (linformer), parameters it refuses at some length (e.g. Nyström's m must divide
 * n), or MoDA with anything but exact softmax (its depth keys share one softmax normaliser with
 * the sequence keys, which a variant's own normalisation cannot).
 */
export function prepareModelAttention(
  c: ModelConfig,
  t: number,
  variant: string,
  given: Readonly<Record<string, number>>,
  opts: { batch?: number; seed?: number; limits?: DeviceLimits } = {},
): PreparedModelAttention {
  const dh = c.dModel / c.heads;
  let params: ParamValues = {};
  let call: ReturnType<typeof prepareCall> | null = null;
  for (const n of attentionLengths(c, t)) {
    const shape = { heads: c.heads * (opts.batch ?? 1), n, d: dh, dv: n, causal: true };
    try {
      call = prepareCall(variant, shape, given, opts.limits);
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      const at = n === t ? '' : ` (a routed layer attends over ${n} tokens)`;
      throw new RefusedError(`${err.message}${at}`);
    }
    params = call.params;
  }
  if (!call) throw new RefusedError('no attention length to check');
  if (call.variant.id === 'dense') return { attention: softmaxAttention, params };
  if (c.moda) {
    throw new RefusedError(
      `MoDA runs with exact softmax only: its depth keys share one softmax with the sequence keys, which ${call.variant.label} does not compute`,
    );
  }
  return { attention: variantAttention(call.variant, params, opts.seed ?? 0), params };
}
