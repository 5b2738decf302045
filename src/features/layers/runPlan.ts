import { messageOf } from '../../core/messageOf';
import { modelAttentionRefusal } from '../../core/model/attentionCheck';
import { atCapacity } from '../../core/model/config';
import type { ForwardTrace, ModelInfo } from '../../core/model/trace';
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
  capacity?: number;
  /** Seeded variants only. */
  seed?: number;
}

export interface AccuracyRequest {
  model: string;
  variant: string;
  params: ParamValues;
  sequences: number;
  seed: number;
  capacity?: number;
  /** Seeded variants only. */
  variantSeed?: number;
}

export type Plan<R> =
  | { ok: true; request: R; key: string }
  | { ok: false; kind: 'input' | 'variant' | 'model'; reason: string };

/**
 * The model a config names ('' → the first listed), as it will run: a MoD model at the chosen
 * capacity.
 */
export function modelOf(config: LayersConfig, models: readonly ModelInfo[]): ModelInfo | null {
  const model = models.find((m) => m.id === config.model) ?? models[0] ?? null;
  return model && atCapacity(model, config.capacity);
}

/** The model a trace ran with (by id): a MoD model at the capacity it routed with. */
export function tracedModel(
  models: readonly ModelInfo[],
  id: string | null,
  trace: ForwardTrace | null,
): ModelInfo | null {
  const model = models.find((m) => m.id === id);
  return model ? atCapacity(model, trace?.capacity) : null;
}

/**
 * Why this variant cannot stand in for the model's causal softmax at n tokens, or null; and its
 * resolved parameters. The same check the worker's forward makes (core/model/attentionCheck), so
 * a refusal is shown before anything runs.
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
    return { params: {}, reason: messageOf(err) };
  }
  const reason = modelAttentionRefusal(model.config, n, spec, params, {
    backend: backend ?? undefined,
  });
  return { params, reason };
}

/** The config's seed, under `name`, for a variant that draws at random; else nothing. */
const seedOf = (config: LayersConfig, name: 'seed' | 'variantSeed') =>
  findSpec(config.variant)?.seeded ? { [name]: config.seed } : {};

/** The capacity field of a request: only for a MoD model run at a chosen capacity. */
const capacityOf = (config: LayersConfig, model: ModelInfo) =>
  model.config.mod && config.capacity !== null ? { capacity: config.capacity } : {};

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
    ...capacityOf(config, model),
    ...seedOf(config, 'seed'),
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
    ...capacityOf(config, model),
    ...seedOf(config, 'variantSeed'),
  };
  return { ok: true, request, key: JSON.stringify(request) };
}
