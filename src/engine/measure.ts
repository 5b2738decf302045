import * as tf from '@tensorflow/tfjs-core';
import type { HeadBlock } from '../core/headBlock';
import { type Spread, spread } from '../core/stats';
import { fromTensor } from './tensors';
import type { AttentionVariant, RunOptions } from './variants/types';

/**
 * Times and sizes one variant call the way DESIGN.md asks: warm-up first (shader compilation),
 * then repeats synced by reading the output back; memory from tf.profile; a leak is an error.
 */
export interface MeasureOptions {
  warmup: number;
  repeats: number;
}

export interface Measurement {
  ms: Spread;
  msAll: number[];
  /** tf.profile peakBytes: the most tensor bytes alive during the call, inputs included. */
  peakBytes: number;
  /** Kernel time from tf.time (GPU timestamps on webgpu where available), or null. */
  kernelMs: number | null;
}

type Call = () => tf.Tensor3D;

async function timedOnce(call: Call): Promise<number> {
  const start = performance.now();
  const out = call();
  await out.data(); // sync by reading back; never dataSync (breaks webgpu)
  const ms = performance.now() - start;
  out.dispose();
  return ms;
}

async function kernelTime(call: Call): Promise<number | null> {
  let out: tf.Tensor | null = null;
  const info = await tf.time(() => {
    out = call();
  });
  (out as tf.Tensor | null)?.dispose();
  return typeof info.kernelMs === 'number' ? info.kernelMs : null;
}

export async function measureCall(
  variant: AttentionVariant,
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  opts: RunOptions,
  m: MeasureOptions,
): Promise<{ measurement: Measurement; output: HeadBlock<Float32Array> }> {
  const call: Call = () => variant.run(q, k, v, opts);
  const before = tf.memory().numTensors;
  for (let i = 0; i < m.warmup; i++) await timedOnce(call);
  const msAll: number[] = [];
  for (let i = 0; i < Math.max(1, m.repeats); i++) msAll.push(await timedOnce(call));
  const kernelMs = await kernelTime(call);
  const profile = await tf.profile(call);
  const result = profile.result as tf.Tensor3D;
  const output = await fromTensor(result);
  result.dispose();
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) throw new Error(`${variant.id} leaked ${leaked} tensors per measurement`);
  return {
    measurement: { ms: spread(msAll), msAll, peakBytes: profile.peakBytes, kernelMs },
    output,
  };
}
