import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInputs } from '../../core/inputs';
import { maxAbsError } from '../../core/metrics';
import { keepAll, keepCausal, referenceAttention } from '../../core/reference/dense';
import { initBackend, tf } from '../backend';
import { fromTensor, toTensor } from '../tensors';
import { installDawn } from '../testing/nodeWebgpu';
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

async function fused(n: number, d: number, heads: number, causal: boolean, seed = 1) {
  const x = generateInputs({ kind: 'gaussian', heads, n, d, seed, scale: 1.5 });
  const t = [toTensor(x.q), toTensor(x.k), toTensor(x.v)] as const;
  const out = fusedAttention(t[0], t[1], t[2], causal);
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
  ];
  for (const causal of [false, true]) {
    it.each(shapes)(
      `equals float64 dense within 1e-4 (n $n, d $d, heads $heads, causal ${causal})`,
      async (s) => {
        expect(await fused(s.n, s.d, s.heads, causal)).toBeLessThan(1e-4);
      },
    );
  }

  it('compiles once per shape class (d, dv, causal), not per n', async () => {
    const before = tf.memory().numTensors;
    for (const n of [33, 70, 129, 200]) await fused(n, 32, 1, false);
    const keys = compiledPipelineKeys().filter((k) => k.startsWith('fusedAttention_32_32_full'));
    expect(keys).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses widths beyond 128 with the reason', () => {
    expect(fusedRefusal(256, 64)).toMatch(/≤ 128/);
    expect(fusedRefusal(64, 64)).toBeNull();
    expect(fusedRefusal(64, 64)).toBeNull();
  });
});
