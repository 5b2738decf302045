import * as tf from '@tensorflow/tfjs-core';
import { generateInputs } from '../core/inputs';
import { boundedEntries } from '../engine/experiments/boundedEntries';
import { routedCount, routedVariant } from '../engine/experiments/mixtureOfDepths';
import { type Measurement, measureCall } from '../engine/measure';
import { shapeOf } from '../engine/runAttention';
import { toTensor } from '../engine/tensors';
import { getVariant } from '../engine/variants';
import type { HardnessDeps, ModPointOptions } from './hardnessJobs';
import type { ModPoint, TimeStats } from './hardnessProtocol';

/**
 * The tfjs side of the hardness job (the worker wires it in; hardnessJobs stays tfjs-free):
 * the bounded-entries experiment as engine/experiments has it, and one timed point of
 * Mixture-of-Depths routing against full dense attention.
 */

const stats = (m: Measurement): TimeStats => ({
  msMedian: m.msMedian,
  msMin: m.msMin,
  msMax: m.msMax,
});

/** Dense attention over all n tokens vs the routed block (top C by router score), same inputs. */
export async function modPoint(o: ModPointOptions): Promise<ModPoint> {
  const x = generateInputs({ kind: 'gaussian', heads: 1, n: o.n, d: o.d, seed: o.seed });
  const t = [toTensor(x.q), toTensor(x.k), toTensor(x.v)] as const; // [1, n, d]
  try {
    const full = getVariant('dense');
    const routed = routedVariant(o.capacity);
    const opts = { causal: false, params: {}, seed: o.seed };
    const m = { warmup: 1, repeats: o.repeats, profileMemory: false, shouldCancel: o.shouldCancel };
    const fullTime = await measureCall(full, ...t, opts, m);
    const routedTime = await measureCall(routed, ...t, opts, m);
    const shape = shapeOf(x, false);
    return {
      n: o.n,
      routed: routedCount(o.n, o.capacity),
      full: stats(fullTime),
      routedTime: stats(routedTime),
      fullFlops: full.cost(shape, {}).flops,
      routedFlops: routed.cost(shape, {}).flops,
    };
  } finally {
    tf.dispose([...t]);
  }
}

export const hardnessDeps: HardnessDeps = {
  boundedEntries,
  modPoint,
  numTensors: () => tf.memory().numTensors,
};
