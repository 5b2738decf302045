import { modKeep } from '../../core/model/config';
import type { ModelInfo } from '../../core/model/trace';
import { type ParamValues, resolveParams } from '../../core/params';
import { findSpec } from '../../core/variantSpecs';
import { checkSequence } from './inputCheck';
import { ACCURACY_SEED, ACCURACY_SEQUENCES, type LayersConfig, paramsOf } from './layersConfig';

/**
 * What a change of the controls asks the engine for, decided before anything runs: the trace
 * request and the accuracy request with their keys (equal keys: nothing to rerun), or why the
 * run is refused (unknown characters, too long, a variant that cannot run causal attention).
 */

export interface TraceRequest {
  model: string;
  variant: string;
  params: ParamValues;
  tokens: number[];
}

export interface AccuracyRequest {
  model: string;
  variant: string;
  params: ParamValues;
  sequences: number;
  seed: number;
}

export type Plan<R> =
  | { ok: true; request: R; key: string }
  | { ok: false; kind: 'input' | 'variant' | 'model'; reason: string };

/** The model a config names ('' → the first listed). */
export function modelOf(config: LayersConfig, models: readonly ModelInfo[]): ModelInfo | null {
  return models.find((m) => m.id === config.model) ?? models[0] ?? null;
}

/**
 * Why this variant cannot stand in for the model's causal softmax at n tokens, or null; and
 * its resolved parameters. Mirrors the worker's checks (engine/model/prepare) so a refusal is
 * shown before anything runs: per head d = dModel/heads, V = I (dv = n), every attention
 * length the forward uses (a MoD layer attends over its routed tokens only), MoDA exact only.
 */
export function variantCheck(
  variant: string,
  given: ParamValues,
  model: ModelInfo,
  n: number,
  backend: string | null,
): { params: ParamValues; reason: string | null } {
  const spec = findSpec(variant);
  if (!spec) return { params: {}, reason: `unknown variant "${variant}"` };
  let params: ParamValues;
  try {
    params = resolveParams(variant, spec.params, given);
  } catch (err) {
    return { params: {}, reason: err instanceof Error ? err.message : String(err) };
  }
  const refuse = (reason: string) => ({ params, reason });
  if (!spec.supportsCausal) {
    return refuse(
      `${spec.label} cannot be causal (it mixes every key into every query), and this model predicts the next token under a causal mask`,
    );
  }
  if (spec.backends && backend && !spec.backends.includes(backend)) {
    return refuse(
      `${spec.label} runs on ${spec.backends.join(', ')} only; the engine runs on ${backend}`,
    );
  }
  const c = model.config;
  if (c.moda && variant !== 'dense') {
    return refuse(
      `MoDA runs with exact softmax only: its depth keys share one softmax with the sequence keys, which ${spec.label} does not compute`,
    );
  }
  const d = c.dModel / c.heads;
  const lengths = c.mod ? [...new Set([n, modKeep(c.mod.capacity, n)])] : [n];
  for (const len of lengths) {
    const reason = spec.refusal({ heads: c.heads, n: len, d, dv: len, causal: true }, params);
    if (reason)
      return refuse(len === n ? reason : `${reason} (a routed layer attends over ${len} tokens)`);
  }
  return { params, reason: null };
}

export function planTrace(
  config: LayersConfig,
  models: readonly ModelInfo[],
  backend: string | null,
): Plan<TraceRequest> {
  const model = modelOf(config, models);
  if (!model)
    return { ok: false, kind: 'model', reason: 'No model is listed in models/index.json.' };
  const check = checkSequence(config.text, model.config.context);
  if (check.problem) return { ok: false, kind: 'input', reason: check.problem };
  const v = variantCheck(config.variant, paramsOf(config), model, check.tokens.length, backend);
  if (v.reason) return { ok: false, kind: 'variant', reason: v.reason };
  const request = {
    model: model.id,
    variant: config.variant,
    params: v.params,
    tokens: check.tokens,
  };
  return { ok: true, request, key: JSON.stringify(request) };
}

export function planAccuracy(
  config: LayersConfig,
  models: readonly ModelInfo[],
  backend: string | null,
): Plan<AccuracyRequest> {
  const model = modelOf(config, models);
  if (!model)
    return { ok: false, kind: 'model', reason: 'No model is listed in models/index.json.' };
  // Task sequences run up to the full context; a variant refused there is refused for the batch.
  const v = variantCheck(config.variant, paramsOf(config), model, model.config.context, backend);
  if (v.reason) return { ok: false, kind: 'variant', reason: v.reason };
  const request = {
    model: model.id,
    variant: config.variant,
    params: v.params,
    sequences: ACCURACY_SEQUENCES,
    seed: ACCURACY_SEED,
  };
  return { ok: true, request, key: JSON.stringify(request) };
}
