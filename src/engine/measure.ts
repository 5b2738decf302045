import * as tf from '@tensorflow/tfjs-core';
import type { HeadBlock } from '../core/headBlock';
import { max, median, min } from '../core/stats';
import { eventLoopTurn } from './eventLoopTurn';
import { fromTensor } from './tensors';
import type { AttentionVariant, RunOptions } from './variants/types';

/**
 * Times and sizes one attention call (DESIGN.md, measurement rules). Shared by the CLI and the
 * web worker: tfjs only, no Node or DOM imports.
 *
 * - Timing: wall time from `variant.run` until the output has been read back with
 *   `await t.data()` (never dataSync/arraySync: they break webgpu). Warm-up runs first and are
 *   never timed.
 * - Memory (`peakBytes`): tfjs tensor accounting, not device memory. One extra, untimed call
 *   runs under `tf.profile`; peakBytes = the largest live-tensor byte count seen after any
 *   kernel of the call, minus the bytes live just before it. The inputs are therefore excluded
 *   and the output and every intermediate alive at the same time are included. Scratch memory a
 *   backend allocates inside one kernel is not tensor memory and is not counted.
 * - Leaks: the live tensor count must be the same before and after every call, else LeakError.
 */

/** How the memory figure is defined, for provenance next to the numbers. */
export const PEAK_BYTES_DEFINITION =
  'tfjs tensor accounting: max over the kernels of one call (tf.profile) of live tensor bytes, ' +
  'minus the bytes live before the call (inputs excluded, output and intermediates included)';

export const TIMING_DEFINITION =
  'wall ms from variant.run until await output.data() returns; warm-up runs untimed first';

/** A variant's call left tensors alive: a bug in that variant. */
export class LeakError extends Error {
  override name = 'LeakError';
}

/** The caller asked to stop (shouldCancel returned true). */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

export interface MeasureOptions {
  /** Untimed runs before timing (at least 1: the first run is never timed). */
  warmup: number;
  /** Timed runs (at least 1). */
  repeats: number;
  /** Measure peak tensor bytes with one extra profiled run (default true). */
  profileMemory?: boolean;
  /** Also read kernel time with tf.time from one more untimed run (default false). */
  kernelTime?: boolean;
  /** Checked between runs; when true the measurement stops with CancelledError. */
  shouldCancel?: () => boolean;
}

export interface Measurement {
  msMedian: number;
  msMin: number;
  msMax: number;
  /** Every timed run, in order. */
  msAll: number[];
  /** See PEAK_BYTES_DEFINITION; null when profileMemory is false. */
  peakBytes: number | null;
  /**
   * tf.time kernelMs of one call (GPU timestamps on webgpu with timestamp-query; the backend's
   * own timer elsewhere); null unless kernelTime was asked for and the backend reported it.
   */
  kernelMs: number | null;
  /** Output of the last timed run, read back: [heads, n, dv]. */
  output: HeadBlock<Float32Array>;
}

type Inputs = [q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D];

function checkLeak(variant: AttentionVariant, before: number, what: string): void {
  const after = tf.memory().numTensors;
  if (after !== before) {
    throw new LeakError(
      `variant ${variant.id} leaked ${after - before} tensor(s) in one ${what} call ` +
        `(live tensors ${before} before, ${after} after)`,
    );
  }
}

/** Run once, read the output back, dispose it; returns the output and the wall time. */
async function timedRun(
  variant: AttentionVariant,
  [q, k, v]: Inputs,
  opts: RunOptions,
): Promise<{ ms: number; output: HeadBlock<Float32Array> }> {
  const before = tf.memory().numTensors;
  const start = performance.now();
  const out = variant.run(q, k, v, opts); // [heads, n, dv]
  let output: HeadBlock<Float32Array>;
  try {
    output = await fromTensor(out);
  } finally {
    out.dispose();
  }
  const ms = performance.now() - start;
  checkLeak(variant, before, 'timed');
  return { ms, output };
}

/** Run once (untimed) and read the output back; checks for leaks. */
export async function runOnce(
  variant: AttentionVariant,
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  opts: RunOptions,
): Promise<HeadBlock<Float32Array>> {
  return (await timedRun(variant, [q, k, v], opts)).output;
}

/** Peak tensor bytes of one call (see PEAK_BYTES_DEFINITION); checks for leaks. */
export async function peakCallBytes(
  variant: AttentionVariant,
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  opts: RunOptions,
): Promise<number> {
  const tensorsBefore = tf.memory().numTensors;
  const bytesBefore = tf.memory().numBytes;
  let result: tf.Tensor | null = null;
  try {
    const info = await tf.profile(() => {
      result = variant.run(q, k, v, opts);
      return result;
    });
    // Wait for the GPU to finish the profiled call: left in flight, its work would be timed as
    // part of the next (timed) call, which doubled the first timed call of a one-kernel variant.
    await (result as tf.Tensor | null)?.data();
    const snapshots = info.kernels.map((kernel) => kernel.totalBytesSnapshot);
    const peak = snapshots.length > 0 ? max(snapshots) : bytesBefore + info.newBytes;
    return Math.max(0, peak - bytesBefore);
  } finally {
    if (result) tf.dispose(result as tf.Tensor);
    checkLeak(variant, tensorsBefore, 'profiled');
  }
}

/** tf.time's kernelMs for one call; checks for leaks. */
export async function kernelCallMs(
  variant: AttentionVariant,
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  opts: RunOptions,
): Promise<number | null> {
  const before = tf.memory().numTensors;
  let result: tf.Tensor | null = null;
  try {
    const info = await tf.time(() => {
      result = variant.run(q, k, v, opts);
    });
    return typeof info.kernelMs === 'number' ? info.kernelMs : null;
  } finally {
    if (result) tf.dispose(result as tf.Tensor);
    checkLeak(variant, before, 'kernel-timed');
  }
}

function checkCount(name: string, value: number, least: number): void {
  if (!Number.isInteger(value) || value < least) {
    throw new RangeError(`${name} must be an integer ≥ ${least}, got ${value}`);
  }
}

/**
 * Warm up, measure peak tensor bytes once, then time `repeats` runs. q, k: [heads, n, d];
 * v: [heads, n, dv]. The inputs stay owned by the caller; every tensor made here is disposed.
 */
export async function measureCall(
  variant: AttentionVariant,
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  opts: RunOptions,
  m: MeasureOptions,
): Promise<Measurement> {
  checkCount('warmup', m.warmup, 1);
  checkCount('repeats', m.repeats, 1);
  const inputs: Inputs = [q, k, v];
  const stopIfCancelled = async () => {
    await eventLoopTurn();
    if (m.shouldCancel?.()) throw new CancelledError(`cancelled while measuring ${variant.id}`);
  };
  for (let i = 0; i < m.warmup; i++) {
    await stopIfCancelled();
    await timedRun(variant, inputs, opts);
  }
  let peakBytes: number | null = null;
  if (m.profileMemory ?? true) {
    await stopIfCancelled();
    peakBytes = await peakCallBytes(variant, q, k, v, opts);
  }
  const msAll: number[] = [];
  let output: HeadBlock<Float32Array> | null = null;
  for (let i = 0; i < m.repeats; i++) {
    await stopIfCancelled();
    const run = await timedRun(variant, inputs, opts);
    msAll.push(run.ms);
    output = run.output;
  }
  if (!output) throw new Error('unreachable: repeats ≥ 1');
  let kernelMs: number | null = null;
  if (m.kernelTime) {
    await stopIfCancelled();
    kernelMs = await kernelCallMs(variant, q, k, v, opts);
  }
  return {
    msMedian: median(msAll),
    msMin: min(msAll),
    msMax: max(msAll),
    msAll,
    peakBytes,
    kernelMs,
    output,
  };
}
