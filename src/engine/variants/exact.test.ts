import { beforeAll, describe, expect, it } from 'vitest';
import { keepAll, keepCausal, keepWindow, referenceAttention } from '../../core/reference/dense';
import { linearWeight, referenceKernelAttention, taylorWeight } from '../../core/reference/kernel';
import { referenceNystrom } from '../../core/reference/nystrom';
import { errors, inputs, runOn, useCpu } from '../testing/cpuHarness';

/**
 * Variants that compute a known formula exactly, checked against float64 references on the cpu
 * backend. Tolerances are max abs errors of fp32 against float64 (outputs are O(1)).
 */
beforeAll(useCpu);

const causalities = [false, true];

describe('dense', () => {
  it.each(causalities)('equals softmax(QKᵀ/√d + M)V (causal %s) within 1e-5', async (causal) => {
    const x = inputs({ n: 40, heads: 2 });
    const out = await runOn('dense', x, causal);
    const ref = referenceAttention(x, causal ? keepCausal : keepAll);
    expect(errors(out, ref).maxAbs).toBeLessThan(1e-5);
  });

  it('gives different output when causal (the mask matters)', async () => {
    const x = inputs();
    const a = await runOn('dense', x, false);
    const b = await runOn('dense', x, true);
    expect(errors(a, b).maxAbs).toBeGreaterThan(1e-2);
  });
});

describe('flash', () => {
  const cases = [
    { n: 64, block: 16 },
    { n: 50, block: 16 }, // n not a multiple of B
    { n: 37, block: 64 }, // one partial block
    { n: 33, block: 1 },
    { n: 29, block: 7 },
  ];
  for (const causal of causalities) {
    it.each(cases)(`equals dense within 1e-4 (n $n, B $block, causal ${causal})`, async (c) => {
      const x = inputs({ n: c.n, d: 16, heads: 2, scale: 1.5 });
      const out = await runOn('flash', x, causal, { block: c.block });
      const ref = referenceAttention(x, causal ? keepCausal : keepAll);
      expect(errors(out, ref).maxAbs).toBeLessThan(1e-4);
    });
  }
});

describe('window', () => {
  const cases = [
    { n: 48, w: 8 },
    { n: 45, w: 7 }, // odd w, ragged last block
    { n: 30, w: 1 },
    { n: 20, w: 64 }, // window wider than the sequence: dense
  ];
  for (const causal of causalities) {
    it.each(cases)(`keeps exactly the band (n $n, w $w, causal ${causal})`, async (c) => {
      const x = inputs({ n: c.n });
      const out = await runOn('window', x, causal, { w: c.w });
      const ref = referenceAttention(x, keepWindow(c.w, causal));
      expect(errors(out, ref).maxAbs).toBeLessThan(1e-5);
    });
  }

  it('differs from dense when the window is narrow', async () => {
    const x = inputs({ n: 48 });
    const out = await runOn('window', x, false, { w: 4 });
    expect(errors(out, referenceAttention(x)).rel).toBeGreaterThan(0.1);
  });
});

describe('linear', () => {
  it.each(causalities)(
    'equals the elu+1 kernel formula (causal %s) within 1e-5',
    async (causal) => {
      const x = inputs({ n: 150 }); // causal: several chunks of 64 and a ragged one
      const out = await runOn('linear', x, causal);
      const ref = referenceKernelAttention(x, linearWeight, causal ? keepCausal : keepAll);
      expect(errors(out, ref).maxAbs).toBeLessThan(1e-5);
    },
  );
});

describe('taylor', () => {
  for (const p of [0, 2, 4]) {
    it.each(causalities)(`degree ${p} equals Σ sᵗ/t! normalised (causal %s)`, async (causal) => {
      const x = inputs({ n: 70, d: 6 });
      const out = await runOn('taylor', x, causal, { p });
      const ref = referenceKernelAttention(x, taylorWeight(p), causal ? keepCausal : keepAll);
      expect(errors(out, ref).maxAbs).toBeLessThan(1e-4);
    });
  }
});

describe('nystrom', () => {
  it.each([4, 8, 16])('equals its own formula in float64 (m %i) within 1e-3', async (m) => {
    const x = inputs({ n: 64, d: 16, scale: 0.7 });
    const out = await runOn('nystrom', x, false, { m });
    expect(errors(out, referenceNystrom(x, m)).maxAbs).toBeLessThan(1e-3);
  });

  it('approaches dense when every point is a landmark (m = n), up to 6 pinv iterations', async () => {
    // With m = n the formula is A·Z·A·V with Z ≈ A⁻¹; 6 iterations leave a small residual.
    const x = inputs({ n: 16, d: 8, scale: 0.5 });
    const out = await runOn('nystrom', x, false, { m: 16 });
    expect(errors(out, referenceAttention(x)).rel).toBeLessThan(0.05);
  });
});
