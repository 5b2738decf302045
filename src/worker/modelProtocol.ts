import { type Fields, isIntIn, isObject } from '../core/fieldChecks';
import { CONTEXT, VOCAB } from '../core/model/task';
import type { AccuracyReport, ForwardTrace, ModelInfo } from '../core/model/trace';
import { SEED_RANGE } from '../core/rng';
import { VARIANT_IDS } from '../core/variantSpecs';

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

const checkSeed = (name: string, v: unknown): string | null =>
  isIntIn(v, MODEL_JOB_LIMITS.seed)
    ? null
    : `${name} must be an integer in [0, 2^32 − 1], got ${String(v)}`;

function checkModelRef(m: Fields): string | null {
  if (typeof m.model !== 'string' || !MODEL_ID.test(m.model)) {
    return `model must be a model id (lowercase letters, digits, dashes), got ${JSON.stringify(m.model)}`;
  }
  if (typeof m.modelsUrl !== 'string' || !/^https?:\/\/[^/]+\/(.*\/)?$/.test(m.modelsUrl)) {
    return 'modelsUrl must be the absolute http(s) URL of the models folder, ending in "/"';
  }
  return null;
}

function checkCapacity(m: Fields): string | null {
  if (m.capacity === undefined) return null;
  const c = m.capacity;
  return typeof c === 'number' && c > 0 && c <= 1
    ? null
    : `capacity must be a number in (0, 1], got ${String(c)}`;
}

function checkVariant(m: Fields): string | null {
  if (typeof m.variant !== 'string' || !VARIANT_IDS.includes(m.variant)) {
    return `unknown variant ${JSON.stringify(m.variant)} (valid: ${VARIANT_IDS.join(', ')})`;
  }
  if (m.params === undefined) return null;
  if (!isObject(m.params)) return 'params must be an object of {name: number}';
  for (const [name, v] of Object.entries(m.params)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return `parameter ${name} must be a finite number, got ${String(v)}`;
    }
  }
  return null;
}

export function checkLayerTraceRequest(m: Fields): string | null {
  const problem = checkModelRef(m) ?? checkVariant(m) ?? checkCapacity(m);
  if (problem) return problem;
  const { tokens } = m;
  if (!Array.isArray(tokens) || tokens.length === 0) return 'tokens must be a non-empty list';
  if (tokens.length > CONTEXT) {
    return `at most ${CONTEXT} tokens (the models' context), got ${tokens.length}`;
  }
  const bad = tokens.findIndex((t) => !isIntIn(t, [0, VOCAB - 1]));
  if (bad >= 0) {
    return `token ${String(tokens[bad])} at position ${bad} is not an id in [0, ${VOCAB - 1}]`;
  }
  return m.seed === undefined ? null : checkSeed('seed', m.seed);
}

export function checkLayerAccuracyRequest(m: Fields): string | null {
  const problem = checkModelRef(m) ?? checkVariant(m) ?? checkCapacity(m);
  if (problem) return problem;
  const [lo, hi] = MODEL_JOB_LIMITS.sequences;
  if (!isIntIn(m.sequences, MODEL_JOB_LIMITS.sequences)) {
    return `sequences must be an integer in [${lo}, ${hi}], got ${String(m.sequences)}`;
  }
  return (
    checkSeed('seed', m.seed) ??
    (m.variantSeed === undefined ? null : checkSeed('variantSeed', m.variantSeed))
  );
}
