import * as v from 'valibot';
import type { Fields } from '../core/fieldChecks';
import { CONTEXT, VOCAB } from '../core/model/task';
import type { AccuracyReport, ForwardTrace, ModelInfo } from '../core/model/trace';
import { SEED_RANGE } from '../core/rng';
import { finite, intIn, object } from '../core/schemas/fields';
import { expected } from '../core/schemas/issues';
import { VARIANT_IDS } from '../core/variantSpecs';
import { capacityIn, type Fits, oneOf, problemOf, requestId } from './requestFields';

/**
 * The layer explorer's jobs (pure: type-only imports). `layerTrace` runs one sequence through a
 * shipped model with a variant in place of softmax; `layerAccuracy` measures held-out task
 * accuracy with exact softmax and with the variant. The page names a model by its id (as in
 * public/models/index.json) and the absolute URL of the folder holding it; the worker fetches
 * `<modelsUrl><id>.json` and its bin file (same origin only), checks them and caches them.
 */

export const MODEL_JOB_LIMITS = {
  sequences: [1, 4096],
  seed: SEED_RANGE,
} as const;

export const MODEL_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface ModelRef {
  /** The model's id, e.g. "pre". */
  model: string;
  /** Absolute URL of the models folder, ending in "/" (same origin as the worker). */
  modelsUrl: string;
}

export interface LayerTraceRequest extends ModelRef {
  type: 'layerTrace';
  id: number;
  /** Token ids (core/model/task tokenize), 1 … CONTEXT of them, each in [0, VOCAB). */
  tokens: number[];
  variant: string;
  params?: Record<string, number>;
  /** Seed of the variant's random features, projections or hashes (default 0). */
  seed?: number;
  /** MoD models: run at this capacity C/S instead of the trained one. */
  capacity?: number;
}

export interface LayerAccuracyRequest extends ModelRef {
  type: 'layerAccuracy';
  id: number;
  variant: string;
  params?: Record<string, number>;
  sequences: number;
  seed: number;
  /** Seed of the variant's random draw (default: seed). */
  variantSeed?: number;
  /** MoD models: run at this capacity C/S instead of the trained one. */
  capacity?: number;
}

export interface LayerTraceOutcome {
  model: ModelInfo;
  trace: ForwardTrace;
  /** Live tfjs tensors before and after the job (equal: nothing leaked). */
  tensors: { before: number; after: number };
}

export interface LayerAccuracyOutcome {
  model: ModelInfo;
  report: AccuracyReport;
  tensors: { before: number; after: number };
}

export interface LayerTraceResultResponse extends LayerTraceOutcome {
  type: 'layerTraceResult';
  id: number;
}

export interface LayerAccuracyResultResponse extends LayerAccuracyOutcome {
  type: 'layerAccuracyResult';
  id: number;
}

const MODEL_ID_TEXT = 'a model id (lowercase letters, digits, dashes)';
const MODELS_URL_TEXT = 'the absolute http(s) URL of the models folder, ending in "/"';
const TOKEN_TEXT = `a token id in [0, ${VOCAB - 1}]`;

/** The fields both layer jobs share: the model, the variant and its parameters, a capacity. */
const layerJobFields = {
  model: v.pipe(v.string(expected(MODEL_ID_TEXT)), v.regex(MODEL_ID, expected(MODEL_ID_TEXT))),
  modelsUrl: v.pipe(
    v.string(expected(MODELS_URL_TEXT)),
    v.regex(/^https?:\/\/[^/]+\/(.*\/)?$/, expected(MODELS_URL_TEXT)),
  ),
  variant: oneOf(VARIANT_IDS),
  params: v.optional(v.record(v.string(), finite(), expected('an object of {name: number}'))),
  capacity: v.optional(capacityIn(0)),
};

const layerTraceFields = {
  ...layerJobFields,
  tokens: v.pipe(
    v.array(
      v.pipe(
        v.number(expected(TOKEN_TEXT)),
        v.integer(expected(TOKEN_TEXT)),
        v.minValue(0, expected(TOKEN_TEXT)),
        v.maxValue(VOCAB - 1, expected(TOKEN_TEXT)),
      ),
      expected('a non-empty list of token ids'),
    ),
    v.minLength(1, expected('a non-empty list of token ids')),
    v.maxLength(CONTEXT, expected(`at most ${CONTEXT} tokens (the models' context)`)),
  ),
  seed: v.optional(intIn(MODEL_JOB_LIMITS.seed)),
};

const layerAccuracyFields = {
  ...layerJobFields,
  sequences: intIn(MODEL_JOB_LIMITS.sequences),
  seed: intIn(MODEL_JOB_LIMITS.seed),
  variantSeed: v.optional(intIn(MODEL_JOB_LIMITS.seed)),
};

export const layerTraceRequestSchema = object({
  type: v.literal('layerTrace'),
  id: requestId(),
  ...layerTraceFields,
});

export const layerAccuracyRequestSchema = object({
  type: v.literal('layerAccuracy'),
  id: requestId(),
  ...layerAccuracyFields,
});

const traceFits: Fits<v.InferOutput<typeof layerTraceRequestSchema>, LayerTraceRequest> = true;
const accuracyFits: Fits<
  v.InferOutput<typeof layerAccuracyRequestSchema>,
  LayerAccuracyRequest
> = true;
void traceFits;
void accuracyFits;

/** Why a layer trace request's fields are invalid ("tokens[3]: expected …"), or null. */
export function checkLayerTraceRequest(m: Fields): string | null {
  return problemOf(object(layerTraceFields), m);
}

/** Why a layer accuracy request's fields are invalid, or null. */
export function checkLayerAccuracyRequest(m: Fields): string | null {
  return problemOf(object(layerAccuracyFields), m);
}
