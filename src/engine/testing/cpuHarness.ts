import * as tf from '@tensorflow/tfjs-core';
import type { AttentionInputs, HeadBlock } from '../../core/headBlock';
import { generateInputs, type InputOptions } from '../../core/inputs';
import { maxAbsError, relativeError } from '../../core/metrics';
import { initBackend } from '../backend';
import { runAttention } from '../runAttention';

/** Shared by the engine's unit tests: the cpu backend, seeded inputs and error summaries. */

export async function useCpu(): Promise<void> {
  await initBackend(['cpu']);
}

export function inputs(opts: Partial<InputOptions> = {}): AttentionInputs {
  return generateInputs({ kind: 'gaussian', heads: 2, n: 48, d: 16, seed: 7, ...opts });
}

export async function runOn(
  variant: string,
  x: AttentionInputs,
  causal: boolean,
  params: Record<string, number> = {},
  seed = 0,
): Promise<HeadBlock<Float32Array>> {
  return (await runAttention({ variant, inputs: x, causal, params, seed })).output;
}

export function errors(approx: HeadBlock, exact: HeadBlock) {
  return { rel: relativeError(approx, exact), maxAbs: maxAbsError(approx, exact) };
}

export const liveTensors = () => tf.memory().numTensors;
