import * as tf from '@tensorflow/tfjs-core';
import { assembleTrace, type ForwardRecord, type LayerRecord } from '../../core/model/record';
import type { ForwardTrace } from '../../core/model/trace';
import type { ModelWeights } from '../../core/model/weights';
import type { DeviceLimits } from '../../core/variantSpec';
import { findSpec } from '../../core/variantSpecs';
import { type ForwardTensors, forward, type LayerTensors } from './forward';
import { disposeMap, forwardTensorList, toTensorMap } from './modelTensors';
import { checkTokens, prepareModelAttention } from './prepare';
import { routedIndices } from './routing';

/**
 * One sequence through the tfjs model with `variant` in place of softmax in every layer and
 * head, read back (async: dataSync breaks webgpu) and summarised by core/model/record, the
 * same code that summarises the float64 reference. Every tensor made here is disposed.
 */

export interface TraceOptions {
  /** Seed of variants with random features, projections or hashes. */
  seed?: number;
  limits?: DeviceLimits;
}

const read = async (t: tf.Tensor) => (await t.data()) as Float32Array;

/** One head's n×n map, embedded at the routed positions of a T×T matrix when routed. */
function placeMap(m: Float32Array, idx: number[] | null, t: number): Float32Array {
  if (!idx) return m;
  const out = new Float32Array(t * t);
  const n = idx.length;
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) out[idx[a] * t + idx[b]] = m[a * n + b];
  return out;
}

async function readLayer(l: LayerTensors, heads: number, t: number): Promise<LayerRecord> {
  const n = l.map.shape[1];
  let routed: number[] | null = null;
  if (l.sel) routed = routedIndices(await read(l.sel), 1, n, t)[0];
  const split = async (x: tf.Tensor3D) => {
    const data = await read(x);
    return Array.from({ length: heads }, (_, h) =>
      placeMap(data.slice(h * n * n, (h + 1) * n * n), routed, t),
    );
  };
  const attention = await split(l.map);
  const exact = l.exact === l.map ? attention : await split(l.exact);
  const depthMass = l.depthMass ? Array.from(await read(l.depthMass)) : null;
  return { attention, exact, routed, depthMass };
}

async function readRecord(
  f: ForwardTensors,
  weights: ModelWeights,
  tokens: number[],
): Promise<ForwardRecord> {
  const c = weights.info.config;
  const layers: LayerRecord[] = [];
  for (const l of f.layers) layers.push(await readLayer(l, c.heads, tokens.length));
  const all = async (xs: tf.Tensor[]) => Promise.all(xs.map(read));
  return {
    tokens,
    dModel: c.dModel,
    vocab: c.vocab,
    layers,
    residual:
      c.residual === 'attnres'
        ? {
            mode: 'attnres',
            sources: await all(f.sources),
            inputs: await all(f.inputs),
            alpha: await all(f.alpha),
          }
        : { mode: 'sum', streams: await all(f.streams) },
    logits: await read(f.logits),
  };
}

export async function traceForward(
  weights: ModelWeights,
  tokens: readonly number[],
  variant: string,
  params: Readonly<Record<string, number>> = {},
  opts: TraceOptions = {},
): Promise<ForwardTrace> {
  const c = weights.info.config;
  checkTokens(c, tokens);
  const prepared = prepareModelAttention(c, tokens.length, variant, params, opts);
  const w = toTensorMap(c, weights.tensors);
  const held: ForwardTensors[] = [];
  try {
    tf.tidy(() => {
      const f = forward(w, c, [tokens], { attention: prepared.attention, record: true });
      for (const t of forwardTensorList(f)) tf.keep(t);
      held.push(f);
    });
    const rec = await readRecord(held[0], weights, [...tokens]);
    const trace = assembleTrace(rec, variant, prepared.params);
    return {
      ...trace,
      ...(findSpec(variant)?.seeded ? { seed: opts.seed ?? 0 } : {}),
      ...(c.mod ? { capacity: c.mod.capacity } : {}),
    };
  } finally {
    for (const f of held) tf.dispose(forwardTensorList(f));
    disposeMap(w);
  }
}
