import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { keepAll, referenceAttention } from '../core/reference/dense';
import { CancelledError, LeakError, measureCall, peakCallBytes } from './measure';
import { toTensor } from './tensors';
import { errors, inputs, liveTensors, useCpu } from './testing/cpuHarness';
import { getVariant } from './variants';
import type { AttentionVariant } from './variants/types';

beforeAll(useCpu);

const x = inputs({ heads: 1, n: 128, d: 16 });
const opts = (params: Record<string, number> = {}) => ({ causal: false, params, seed: 1 });

function withTensors<T>(f: (q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D) => Promise<T>) {
  const [q, k, v] = [toTensor(x.q), toTensor(x.k), toTensor(x.v)];
  return f(q, k, v).finally(() => tf.dispose([q, k, v]));
}

describe('measureCall', () => {
  it('times `repeats` runs after warm-up and returns the read-back output', async () => {
    const before = liveTensors();
    const m = await withTensors((q, k, v) =>
      measureCall(getVariant('dense'), q, k, v, opts(), { warmup: 1, repeats: 4 }),
    );
    expect(liveTensors()).toBe(before);
    expect(m.msAll).toHaveLength(4);
    expect(m.msAll.every((ms) => Number.isFinite(ms) && ms > 0)).toBe(true);
    expect(m.msMin).toBeLessThanOrEqual(m.msMedian);
    expect(m.msMedian).toBeLessThanOrEqual(m.msMax);
    expect(m.msMin).toBe(Math.min(...m.msAll));
    expect(m.kernelMs).toBeNull();
    expect([m.output.heads, m.output.n, m.output.width]).toEqual([1, 128, 16]);
    expect(errors(m.output, referenceAttention(x, keepAll)).maxAbs).toBeLessThan(1e-5);
  });

  it('counts peak tensor bytes of the call: at least the n×n scores for dense', async () => {
    const peak = await withTensors((q, k, v) =>
      peakCallBytes(getVariant('dense'), q, k, v, opts()),
    );
    // Scores and softmax weights [1, 128, 128] fp32 are alive together: ≥ 2 × 64 KiB.
    expect(peak).toBeGreaterThanOrEqual(2 * 128 * 128 * 4);
    // The inputs (3 × 8 KiB) are not counted; nothing near n² × 8 is held.
    expect(peak).toBeLessThan(6 * 128 * 128 * 4);
  });

  it('flash holds far fewer tensor bytes than dense', async () => {
    const [dense, flash] = await withTensors(async (q, k, v) => [
      await peakCallBytes(getVariant('dense'), q, k, v, opts()),
      await peakCallBytes(getVariant('flash'), q, k, v, opts({ block: 16 })),
    ]);
    expect(flash).toBeLessThan(dense / 2);
  });

  it('reads kernel time when asked', async () => {
    const m = await withTensors((q, k, v) =>
      measureCall(getVariant('linear'), q, k, v, opts(), {
        warmup: 1,
        repeats: 1,
        kernelTime: true,
      }),
    );
    expect(m.kernelMs).toBeGreaterThanOrEqual(0);
  });

  it('names a leaking variant and cleans up after it', async () => {
    const dense = getVariant('dense');
    const leaked: tf.Tensor[] = [];
    const leaky: AttentionVariant = {
      ...dense,
      id: 'leaky',
      run: (q, k, v, o) => {
        leaked.push(tf.zeros([2]));
        return dense.run(q, k, v, o);
      },
    };
    const run = withTensors((q, k, v) =>
      measureCall(leaky, q, k, v, opts(), { warmup: 1, repeats: 1 }),
    );
    await expect(run).rejects.toThrow(LeakError);
    await expect(run).rejects.toThrow(/variant leaky leaked 1 tensor/);
    tf.dispose(leaked);
  });

  it('refuses to time without warm-up, and stops when cancelled', async () => {
    await withTensors(async (q, k, v) => {
      const dense = getVariant('dense');
      await expect(measureCall(dense, q, k, v, opts(), { warmup: 0, repeats: 1 })).rejects.toThrow(
        /warmup must be an integer ≥ 1/,
      );
      const before = liveTensors();
      let calls = 0;
      const cancel = measureCall(dense, q, k, v, opts(), {
        warmup: 1,
        repeats: 5,
        shouldCancel: () => ++calls > 2,
      });
      await expect(cancel).rejects.toThrow(CancelledError);
      expect(liveTensors()).toBe(before);
    });
  });
});
