import * as tf from '@tensorflow/tfjs-core';
import { modelAttentionRefusal } from '../../core/model/attentionCheck';
import { configProblem } from '../../core/model/config';
import type { ModelConfig } from '../../core/model/trace';
import type { ParamValues } from '../../core/params';
import type { DeviceLimits } from '../../core/variantSpec';
import { RefusedError, resolveVariant } from '../runAttention';
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
  const { variant: v, params } = resolveVariant(variant, given);
  const reason = modelAttentionRefusal(c, t, v, params, {
    batch: opts.batch,
    backend: tf.getBackend(),
    limits: opts.limits,
  });
  if (reason) throw new RefusedError(reason);
  if (v.id === 'dense') return { attention: softmaxAttention, params };
  return { attention: variantAttention(v, params, opts.seed ?? 0), params };
}
