import { beforeAll, describe, expect, it } from 'vitest';
import { type HeadBlock, headBlock } from '../core/headBlock';
import { generateInputs } from '../core/inputs';
import { keepAll, keepCausal, referenceWeights } from '../core/reference/dense';
import { attentionMap } from './attentionMap';
import { liveTensors, useCpu } from './testing/cpuHarness';

beforeAll(useCpu);

const f32 = (b: HeadBlock): HeadBlock<Float32Array> =>
  headBlock(b.heads, b.n, b.width, Float32Array.from(b.data));
const inputs = generateInputs({ kind: 'gaussian', heads: 2, n: 32, d: 8, seed: 5 });
const q = f32(inputs.q);
const k = f32(inputs.k);
const n = 32;

describe('attentionMap: a variant run with V = I gives the weights it applies', () => {
  it('dense: softmax(QKᵀ/√d) of every head, as the float64 reference within 1e-5; no leak', async () => {
    for (const causal of [false, true]) {
      const before = liveTensors();
      const w = await attentionMap({ variant: 'dense', causal, seed: 0, q, k });
      expect(liveTensors()).toBe(before);
      expect(w.length).toBe(2 * n * n);
      for (let h = 0; h < 2; h++) {
        const exact = referenceWeights(inputs, h, causal ? keepCausal : keepAll);
        let worst = 0;
        for (let i = 0; i < n * n; i++)
          worst = Math.max(worst, Math.abs(w[h * n * n + i] - exact[i]));
        expect(worst, `head ${h} causal ${causal}`).toBeLessThanOrEqual(1e-5);
      }
    }
  });

  it('window: zero outside the band, rows summing to 1 inside it', async () => {
    const w = await attentionMap({
      variant: 'window',
      params: { w: 4 },
      causal: false,
      seed: 0,
      q,
      k,
    });
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const x = w[i * n + j];
        if (Math.abs(i - j) > 4) expect(x, `(${i}, ${j})`).toBe(0);
        sum += x;
      }
      expect(sum).toBeCloseTo(1, 5);
    }
  });

  it('refuses what the variant refuses, with its reason', async () => {
    await expect(
      attentionMap({ variant: 'window', params: { w: 0 }, causal: false, seed: 0, q, k }),
    ).rejects.toThrow(/w/);
  });
});
