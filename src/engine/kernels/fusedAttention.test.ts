import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitPlan } from '../../core/fusedPlan';
import { generateInputs } from '../../core/inputs';
import { maxAbsError } from '../../core/metrics';
import { keepAll, keepCausal, referenceAttention } from '../../core/reference/dense';
import { initBackend, tf } from '../backend';
import { peakCallBytes } from '../measure';
import { fromTensor, toTensor } from '../tensors';
import { installDawn } from '../testing/nodeWebgpu';
import { fused as fusedVariant } from '../variants/fused';
import { specFor } from '../variants/specFor';
import { compiledPipelineKeys, fusedAttention, fusedRefusal } from './fusedAttention';

/** The fused WGSL kernel on real WebGPU (Dawn in Node; SwiftShader where there is no GPU). */
beforeAll(async () => {
  await installDawn();
  const report = await initBackend(['webgpu']);
  expect(report.name).toBe('webgpu');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

async function fused(n: number, d: number, heads: number, causal: boolean, splits = 1) {
  const x = generateInputs({ kind: 'gaussian', heads, n, d, seed: 1, scale: 1.5 });
  const t = [toTensor(x.q), toTensor(x.k), toTensor(x.v)] as const;
  const out = fusedAttention(t[0], t[1], t[2], causal, splits);
  const block = await fromTensor(out);
  tf.dispose([...t, out]);
  return maxAbsError(block, referenceAttention(x, causal ? keepCausal : keepAll));
}

describe('fused attention kernel', () => {
  const shapes = [
    { n: 1, d: 16, heads: 1 },
    { n: 67, d: 16, heads: 3 }, // prime n, several heads
    { n: 130, d: 64, heads: 2 }, // not a multiple of the 64-query tile
    { n: 97, d: 128, heads: 1 },
    // d not a multiple of 4: the scalar rows (vec4 rows are used otherwise).
    { n: 45, d: 6, heads: 2 },
    { n: 33, d: 3, heads: 1 },
  ];
  for (const causal of [false, true]) {
    it.each(shapes)(
      `equals float64 dense within 1e-4 (n $n, d $d, heads $heads, causal ${causal})`,
      async (s) => {
        expect(await fused(s.n, s.d, s.heads, causal)).toBeLessThan(1e-4);
      },
    );
  }

  // Split-K: key ranges in separate workgroups, merged by a second pass. d = 64 stages 32 keys
  // per block, so n = 130 has 5 blocks: 3 splits of 64, 64 and 2 keys; 64 asks for more splits
  // than blocks (5 run). Causal: early query tiles see no key of the later splits.
  const splitShapes = [
    { n: 130, d: 64, heads: 2, splits: 3 },
    { n: 130, d: 64, heads: 1, splits: 64 },
    { n: 67, d: 16, heads: 3, splits: 2 },
    { n: 1, d: 16, heads: 1, splits: 4 },
    { n: 70, d: 6, heads: 1, splits: 3 },
  ];
  for (const causal of [false, true]) {
    it.each(splitShapes)(
      `with $splits key splits equals float64 dense within 1e-4 (n $n, d $d, heads $heads, causal ${causal})`,
      async (s) => {
        expect(await fused(s.n, s.d, s.heads, causal, s.splits)).toBeLessThan(1e-4);
      },
    );
  }

  it('split-K leaks no tensor and compiles its two programs once per shape class', async () => {
    const before = tf.memory().numTensors;
    for (const n of [70, 129, 200]) await fused(n, 32, 1, true, 3);
    const keys = compiledPipelineKeys();
    expect(keys.filter((k) => k.startsWith('fusedAttentionPartial_32_32_causal'))).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith('fusedCombine_32'))).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('split-K partials count in the measured peak memory, as the cost formula says', async () => {
    const shape = { heads: 1, n: 256, d: 16, dv: 16, causal: false };
    const x = generateInputs({ kind: 'gaussian', ...shape, seed: 1, scale: 1 });
    const t = [toTensor(x.q), toTensor(x.k), toTensor(x.v)] as const;
    const peak = async (splits: number) =>
      peakCallBytes(fusedVariant, t[0], t[1], t[2], { causal: false, params: { splits }, seed: 1 });
    const output = 4 * shape.n * shape.dv;
    const partials = 4 * 4 * shape.n * (shape.dv + 2);
    expect(await peak(1)).toBe(output);
    expect(await peak(4)).toBe(output + partials);
    expect(specFor('fused').cost(shape, { splits: 4 }).bytes).toBe(
      4 * shape.n * 4 * shape.d + partials,
    );
    tf.dispose([...t]);
  });

  it('compiles once per shape class (d, dv, causal), not per n', async () => {
    const before = tf.memory().numTensors;
    for (const n of [33, 70, 129, 200]) await fused(n, 32, 1, false);
    const keys = compiledPipelineKeys().filter((k) => k.startsWith('fusedAttention_32_32_full'));
    expect(keys).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs both passes as registered tfjs kernels, so the profiler sees each', async () => {
    const x = generateInputs({ kind: 'gaussian', heads: 1, n: 128, d: 16, seed: 2, scale: 1 });
    const t = [toTensor(x.q), toTensor(x.k), toTensor(x.v)] as const;
    const profile = await tf.profile(() => fusedAttention(t[0], t[1], t[2], false, 4));
    expect(profile.kernels.map((k) => k.name)).toEqual(['FusedAttention', 'FusedAttentionCombine']);
    // The main pass's partials [heads, splits, n, dv + 2] are the combine pass's input.
    const { splits } = splitPlan(128, 16, 16, 4);
    expect(splits).toBeGreaterThan(1);
    expect(profile.kernels[0].outputShapes).toEqual([[1, splits, 128, 18]]);
    const single = await tf.profile(() => fusedAttention(t[0], t[1], t[2], false, 1));
    expect(single.kernels.map((k) => k.name)).toEqual(['FusedAttention']);
    tf.dispose([...t, profile.result as tf.Tensor, single.result as tf.Tensor]);
  });

  it('refuses widths beyond 128 with the reason', () => {
    expect(fusedRefusal(256, 64)).toMatch(/≤ 128/);
    expect(fusedRefusal(64, 64)).toBeNull();
    expect(fusedRefusal(64, 64)).toBeNull();
  });
});
