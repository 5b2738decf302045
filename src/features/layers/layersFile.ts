import type { AccuracyReport, ForwardTrace, ModelInfo } from '../../core/model/trace';
import { datedName } from '../complexity';
import type { LayersConfig } from './layersConfig';

/**
 * The layer explorer's download (pure): the model as the trace ran it, the controls, the trace
 * and the accuracy of the same settings, and where it was computed. Typed arrays become plain
 * number arrays; floats are rounded to 6 significant digits (float32 holds about 7), which
 * keeps a 32-token trace to a few hundred kB.
 */

export const DIGITS = 6;

const round = (x: number) =>
  Number.isInteger(x) || !Number.isFinite(x) ? x : Number(x.toPrecision(DIGITS));

/** x as plain JSON data: typed arrays as number arrays, every float rounded. */
export function plainData(x: unknown): unknown {
  if (typeof x === 'number') return round(x);
  if (x instanceof Float32Array || x instanceof Float64Array) return Array.from(x, round);
  if (Array.isArray(x)) return x.map(plainData);
  if (typeof x === 'object' && x !== null) {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plainData(v)]));
  }
  return x;
}

/** The accuracy report when it scored the trace's model, variant, parameters and capacity. */
export function accuracyOf(
  trace: ForwardTrace,
  model: string,
  accuracy: AccuracyReport | null,
): AccuracyReport | null {
  if (!accuracy) return null;
  const same =
    accuracy.model === model &&
    accuracy.variant === trace.variant &&
    JSON.stringify(accuracy.params) === JSON.stringify(trace.params) &&
    accuracy.capacity === trace.capacity &&
    accuracy.variantSeed === trace.seed;
  return same ? accuracy : null;
}

export interface LayersFileInput {
  model: ModelInfo;
  config: LayersConfig;
  trace: ForwardTrace;
  accuracy: AccuracyReport | null;
  provenance: Record<string, unknown>;
}

export function layersFile(x: LayersFileInput) {
  return {
    model: x.model,
    config: x.config,
    trace: plainData(x.trace),
    accuracy: accuracyOf(x.trace, x.model.id, x.accuracy),
    provenance: x.provenance,
  };
}

/** layers-pre-dense-2025-01-31.json */
export const layersFileName = (model: string, variant: string, date = new Date()): string =>
  datedName(['layers', model, variant], 'json', date);
