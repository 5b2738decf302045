import * as tf from '@tensorflow/tfjs-core';
import type { AttentionInputs, HeadBlock } from '../core/headBlock';
import { messageOf } from '../core/messageOf';
import { type ParamValues, resolveParams } from '../core/params';
import { refusalReason } from '../core/runCheck';
import type { AttentionShape, DeviceLimits } from '../core/variantSpec';
import { fromTensor, toTensor } from './tensors';
import { getVariant } from './variants';
import type { AttentionVariant } from './variants/types';

/** A call refused before running: bad parameters, unsupported causal, or beyond the device. */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

export interface AttentionRequest {
  variant: string;
  inputs: AttentionInputs;
  causal: boolean;
  params?: Readonly<Record<string, number>>;
  seed?: number;
  limits?: DeviceLimits;
}

export interface PreparedCall {
  variant: AttentionVariant;
  shape: AttentionShape;
  params: ParamValues;
}

export function shapeOf(inputs: AttentionInputs, causal: boolean): AttentionShape {
  return { heads: inputs.q.heads, n: inputs.q.n, d: inputs.q.width, dv: inputs.v.width, causal };
}

/** The variant and its resolved parameters, or a RefusedError (unknown id, bad parameter). */
export function resolveVariant(
  variantId: string,
  given: Readonly<Record<string, number>> = {},
): { variant: AttentionVariant; params: ParamValues } {
  try {
    const variant = getVariant(variantId);
    return { variant, params: resolveParams(variant.id, variant.params, given) };
  } catch (err) {
    throw new RefusedError(messageOf(err));
  }
}

/** Resolve the variant and its parameters and check the call can run; throws RefusedError. */
export function prepareCall(
  variantId: string,
  shape: AttentionShape,
  given: Readonly<Record<string, number>> = {},
  limits?: DeviceLimits,
): PreparedCall {
  const { variant, params } = resolveVariant(variantId, given);
  const reason = refusalReason(variant, shape, params, limits, tf.getBackend());
  if (reason) throw new RefusedError(reason);
  return { variant, shape, params };
}

export interface AttentionResult {
  variant: string;
  params: ParamValues;
  output: HeadBlock<Float32Array>;
  /** Wall time of the call including reading the output back. */
  ms: number;
}

/** Run one variant once on plain arrays; every tensor made here is disposed. */
export async function runAttention(req: AttentionRequest): Promise<AttentionResult> {
  const call = prepareCall(req.variant, shapeOf(req.inputs, req.causal), req.params, req.limits);
  const q = toTensor(req.inputs.q);
  const k = toTensor(req.inputs.k);
  const v = toTensor(req.inputs.v);
  try {
    const start = performance.now();
    const out = call.variant.run(q, k, v, {
      causal: req.causal,
      params: call.params,
      seed: req.seed ?? 0,
    });
    try {
      const output = await fromTensor(out);
      return {
        variant: call.variant.id,
        params: call.params,
        output,
        ms: performance.now() - start,
      };
    } finally {
      out.dispose();
    }
  } finally {
    tf.dispose([q, k, v]);
  }
}
