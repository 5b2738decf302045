import * as tf from '@tensorflow/tfjs-core';
import type { HeadBlock } from '../core/headBlock';
import { generateInputs, type InputKind } from '../core/inputs';
import { logLogSlope } from '../core/fit';
import { maxAbsError, relativeError } from '../core/metrics';
import { keepAll, keepCausal, referenceAttention } from '../core/reference/dense';
import type { DeviceLimits } from '../core/variantSpec';
import { measureCall } from './measure';
import { prepareCall, RefusedError, shapeOf } from './runAttention';
import { fromTensor, toTensor } from './tensors';
import { getVariant } from './variants';

/** A sweep over variants × n on the active backend: time, memory and error per point. */
export interface SweepConfig {
  variants: string[];
  ns: number[];
  d: number;
  dv?: number;
  heads: number;
  causal: boolean;
  inputKind: InputKind;
  /** σ, B or sharpness of the inputs (see core/inputs). */
  scale?: number;
  seed: number;
  warmup: number;
  repeats: number;
  /** Parameter overrides per variant id. */
  params: Record<string, Record<string, number>>;
  limits?: DeviceLimits;
}

export interface SweepRow {
  variant: string;
  n: number;
  params: Record<string, number>;
  /** Why this point was not run (nothing else is set then). */
  refused?: string;
  msMedian?: number;
  msMin?: number;
  msMax?: number;
  kernelMs?: number | null;
  peakBytes?: number;
  analyticBytes?: number;
  flops?: number;
  /** Against dense on the same inputs (null where no dense result could be had). */
  relError?: number | null;
  maxAbsError?: number | null;
}

export interface SweepFit {
  variant: string;
  /** Fitted exponent of median time in n over the points that ran. */
  slope: number;
  r2: number;
  points: number;
}

export interface SweepProgress {
  variant: string;
  n: number;
  step: number;
  total: number;
}

export interface SweepHooks {
  onProgress?: (p: SweepProgress) => void;
  onRow?: (row: SweepRow) => void;
  shouldCancel?: () => boolean;
}

/** Largest n for which the float64 reference is computed when dense itself cannot run. */
const FLOAT64_REFERENCE_MAX_N = 2048;

/** Dense output on these inputs: the engine's own, else the float64 reference, else null. */
async function denseReference(
  config: SweepConfig,
  inputs: ReturnType<typeof generateInputs>,
  tensors: [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D],
): Promise<HeadBlock | null> {
  const shape = shapeOf(inputs, config.causal);
  try {
    const call = prepareCall('dense', shape, {}, config.limits);
    const out = call.variant.run(...tensors, {
      causal: config.causal,
      params: {},
      seed: config.seed,
    });
    const block = await fromTensor(out);
    out.dispose();
    return block;
  } catch (err) {
    if (!(err instanceof RefusedError)) throw err;
    if (shape.n > FLOAT64_REFERENCE_MAX_N) return null;
    return referenceAttention(inputs, config.causal ? keepCausal : keepAll);
  }
}

async function measurePoint(
  config: SweepConfig,
  id: string,
  inputs: ReturnType<typeof generateInputs>,
  tensors: [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D],
  dense: HeadBlock | null,
): Promise<SweepRow> {
  const shape = shapeOf(inputs, config.causal);
  const given = config.params[id] ?? {};
  let call: ReturnType<typeof prepareCall>;
  try {
    call = prepareCall(id, shape, given, config.limits);
  } catch (err) {
    if (!(err instanceof RefusedError)) throw err;
    return { variant: id, n: shape.n, params: { ...given }, refused: err.message };
  }
  const opts = { causal: config.causal, params: call.params, seed: config.seed };
  const { measurement, output } = await measureCall(call.variant, ...tensors, opts, config);
  const cost = call.variant.cost(shape, call.params);
  return {
    variant: id,
    n: shape.n,
    params: call.params,
    msMedian: measurement.ms.median,
    msMin: measurement.ms.min,
    msMax: measurement.ms.max,
    kernelMs: measurement.kernelMs,
    peakBytes: measurement.peakBytes,
    analyticBytes: cost.bytes,
    flops: cost.flops,
    relError: dense ? relativeError(output, dense) : null,
    maxAbsError: dense ? maxAbsError(output, dense) : null,
  };
}

export function fitRows(rows: readonly SweepRow[]): SweepFit[] {
  const ids = [...new Set(rows.map((r) => r.variant))];
  return ids.flatMap((variant) => {
    const ran = rows.filter((r) => r.variant === variant && r.msMedian !== undefined);
    const fit = logLogSlope(
      ran.map((r) => r.n),
      ran.map((r) => r.msMedian ?? Number.NaN),
    );
    return fit ? [{ variant, slope: fit.slope, r2: fit.r2, points: fit.points }] : [];
  });
}

export async function runSweep(
  config: SweepConfig,
  hooks: SweepHooks = {},
): Promise<{ rows: SweepRow[]; fits: SweepFit[]; cancelled: boolean }> {
  for (const id of config.variants) getVariant(id); // unknown ids fail before any work
  const rows: SweepRow[] = [];
  const total = config.variants.length * config.ns.length;
  let step = 0;
  for (const n of config.ns) {
    const inputs = generateInputs({
      kind: config.inputKind,
      heads: config.heads,
      n,
      d: config.d,
      dv: config.dv,
      seed: config.seed,
      scale: config.scale,
    });
    const tensors: [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D] = [
      toTensor(inputs.q),
      toTensor(inputs.k),
      toTensor(inputs.v),
    ];
    try {
      const dense = await denseReference(config, inputs, tensors);
      for (const id of config.variants) {
        if (hooks.shouldCancel?.()) return { rows, fits: fitRows(rows), cancelled: true };
        hooks.onProgress?.({ variant: id, n, step: ++step, total });
        const row = await measurePoint(config, id, inputs, tensors, dense);
        rows.push(row);
        hooks.onRow?.(row);
      }
    } finally {
      tf.dispose(tensors);
    }
  }
  return { rows, fits: fitRows(rows), cancelled: false };
}
