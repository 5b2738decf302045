import type { ParamValues } from '../params';
import { refusalReason } from '../runCheck';
import type { DeviceLimits, VariantSpec } from '../variantSpec';
import { modKeep } from './config';
import type { ModelConfig } from './trace';

/**
 * Whether an attention variant can stand in for a model's causal softmax, decided from specs
 * alone: the layer explorer asks before anything runs, the engine's forward asks again.
 */

/** The attention lengths of a forward on t tokens (a MoD layer attends over its routed tokens). */
export function attentionLengths(c: ModelConfig, t: number): number[] {
  const ns = new Set([t]);
  if (c.mod) ns.add(modKeep(c.mod.capacity, t));
  if (c.mod && c.mod.layers.length === c.layers) ns.delete(t);
  return [...ns];
}

/**
 * Why this variant cannot replace the model's softmax on t tokens, or null: it cannot be causal,
 * refuses its parameters at some length the forward uses (per head d = dModel/heads, V = I so
 * dv = n), exceeds the device's buffers, or the model is MoDA and the variant is not exact
 * softmax (depth keys share one softmax normaliser with the sequence keys).
 */
export function modelAttentionRefusal(
  c: ModelConfig,
  t: number,
  spec: VariantSpec,
  params: ParamValues,
  opts: { batch?: number; backend?: string; limits?: DeviceLimits } = {},
): string | null {
  const d = c.dModel / c.heads;
  for (const n of attentionLengths(c, t)) {
    const shape = { heads: c.heads * (opts.batch ?? 1), n, d, dv: n, causal: true };
    const reason = refusalReason(spec, shape, params, opts.limits, opts.backend);
    if (reason) return n === t ? reason : `${reason} (a routed layer attends over ${n} tokens)`;
  }
  if (c.moda && spec.id !== 'dense') {
    return `MoDA runs with exact softmax only: its depth keys share one softmax with the sequence keys, which ${spec.label} does not compute`;
  }
  return null;
}
