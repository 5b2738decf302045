import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceForward, referenceTrace } from '../../core/model/reference';
import { randomModel, SMALL_VARIANTS } from '../../core/model/testModels';
import { initBackend, tf } from '../backend';
import { installDawn } from '../testing/nodeWebgpu';
import { taskAccuracy } from './accuracy';
import { traceForward } from './traceForward';

/**
 * The model forward on real WebGPU (Dawn in Node; SwiftShader where there is no GPU): the
 * routing, masks and embeddings avoid int32 paths that break there, and every read is async.
 */

const TOKENS = [2, 0, 5, 4, 16, 2, 0, 5, 4, 9, 11];
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

beforeAll(async () => {
  await installDawn();
  const report = await initBackend(['webgpu']);
  expect(report.name).toBe('webgpu');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('model forward on webgpu', () => {
  for (const [name, overrides] of Object.entries(SMALL_VARIANTS)) {
    it(`${name} equals the float64 reference`, async () => {
      const w = randomModel(overrides);
      const before = tf.memory().numTensors;
      const trace = await traceForward(w, TOKENS, 'dense');
      expect(tf.memory().numTensors).toBe(before);
      const ref = referenceTrace(w, TOKENS);
      expect(referenceForward(w, TOKENS).logits.length).toBe(TOKENS.length * 17);
      for (const [l, layer] of trace.layers.entries()) {
        expect(layer.routed).toEqual(ref.layers[l].routed);
        for (const [h, m] of layer.attention.entries()) {
          expect(maxAbs(m, ref.layers[l].attention[h])).toBeLessThan(1e-4);
        }
      }
      expect(maxAbs(trace.rollout, ref.rollout)).toBeLessThan(1e-4);
      const p = trace.predictions.map((x) => x.top[0].p);
      expect(
        maxAbs(
          p,
          ref.predictions.map((x) => x.top[0].p),
        ),
      ).toBeLessThan(1e-4);
    });
  }

  it('runs the fused kernel and an approximate variant, and batched accuracy, without leaks', async () => {
    const w = randomModel({ mod: { capacity: 0.5, layers: [1] } });
    const before = tf.memory().numTensors;
    const fused = await traceForward(w, TOKENS, 'fused');
    for (const layer of fused.layers) {
      for (const [h, m] of layer.attention.entries())
        expect(maxAbs(m, layer.exact[h])).toBeLessThan(1e-4);
    }
    await traceForward(w, TOKENS, 'performer', { m: 16 });
    const r = await taskAccuracy(w, { variant: 'linear', sequences: 6, seed: 2 });
    expect(r.sequences).toBe(6);
    expect(tf.memory().numTensors).toBe(before);
  });
});
