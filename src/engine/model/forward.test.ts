import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceForward, referenceTrace } from '../../core/model/reference';
import { randomModel, SMALL_VARIANTS } from '../../core/model/testModels';
import type { ModelWeights } from '../../core/model/weights';
import { liveTensors, useCpu } from '../testing/cpuHarness';
import { softmaxAttention } from './attentionFns';
import { forward } from './forward';
import { disposeMap, toTensorMap } from './modelTensors';
import { traceForward } from './traceForward';

/**
 * The tfjs forward (cpu backend, float32) against the float64 reference on small random models
 * in every residual mode. Tolerances: logits 1e-4 max abs; attention weights 1e-5; residual
 * shares 1e-4.
 */

const TOKENS = [2, 0, 5, 4, 16, 2, 0, 5, 4, 9, 11, 3, 7];

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Logits [T, vocab] of the tfjs forward (exact softmax). */
async function tfLogits(weights: ModelWeights, tokens: number[]): Promise<Float32Array> {
  const w = toTensorMap(weights.info.config, weights.tensors);
  const logits = tf.tidy(
    () =>
      forward(w, weights.info.config, [tokens], { attention: softmaxAttention, record: false })
        .logits,
  );
  try {
    return (await logits.data()) as Float32Array;
  } finally {
    logits.dispose();
    disposeMap(w);
  }
}

beforeAll(useCpu);

describe('tfjs forward equals the float64 reference', () => {
  for (const [name, overrides] of Object.entries(SMALL_VARIANTS)) {
    it(name, async () => {
      const weights = randomModel(overrides);
      const before = liveTensors();
      const trace = await traceForward(weights, TOKENS, 'dense');
      expect(liveTensors()).toBe(before);
      const ref = referenceTrace(weights, TOKENS);
      const refLogits = referenceForward(weights, TOKENS).logits;
      expect(maxAbs(await tfLogits(weights, TOKENS), refLogits)).toBeLessThan(1e-4);
      expect(trace.predictions.map((p) => p.top[0].token)).toEqual(
        ref.predictions.map((p) => p.top[0].token),
      );
      for (const [i, p] of trace.predictions.entries()) {
        expect(Math.abs(p.top[0].p - ref.predictions[i].top[0].p)).toBeLessThan(1e-5);
      }
      for (const [l, layer] of trace.layers.entries()) {
        expect(layer.routed).toEqual(ref.layers[l].routed);
        for (const [h, m] of layer.attention.entries()) {
          expect(maxAbs(m, ref.layers[l].attention[h])).toBeLessThan(1e-5);
        }
        if (ref.layers[l].depthMass) {
          expect(maxAbs(layer.depthMass ?? [], ref.layers[l].depthMass ?? [])).toBeLessThan(1e-5);
        }
        expect(
          Math.abs(layer.attn.relativeUpdate - ref.layers[l].attn.relativeUpdate),
        ).toBeLessThan(1e-4);
      }
      expect(
        maxAbs(
          trace.shares.map((s) => s.value),
          ref.shares.map((s) => s.value),
        ),
      ).toBeLessThan(1e-4);
      expect(maxAbs(trace.rollout, ref.rollout)).toBeLessThan(1e-5);
    });
  }
});
