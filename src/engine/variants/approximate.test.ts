import { beforeAll, describe, expect, it } from 'vitest';
import { keepAll, keepCausal, referenceAttention } from '../../core/reference/dense';
import { errors, inputs, runOn, useCpu } from '../testing/cpuHarness';
import { randomBlocks } from './bigbird';

/**
 * Approximate variants: small error where theory says it must be, error falling as the budget
 * grows, and exactness where the approximation covers everything. Inputs are seeded, so each
 * number below is reproducible; bounds leave a margin of about 2× over what was measured.
 */
beforeAll(useCpu);

async function relErrors(
  variant: string,
  x: ReturnType<typeof inputs>,
  name: string,
  values: number[],
  extra: Record<string, number> = {},
) {
  const ref = referenceAttention(x);
  const out: number[] = [];
  for (const value of values) {
    out.push(errors(await runOn(variant, x, false, { ...extra, [name]: value }), ref).rel);
  }
  return out;
}

const falling = (xs: number[]) => xs.every((x, i) => i === 0 || x < xs[i - 1]);

describe('performer', () => {
  it('is accurate for small logits, and its error falls as m grows', async () => {
    const x = inputs({ n: 128, d: 16, heads: 1, scale: 0.25, seed: 3 });
    const errs = await relErrors('performer', x, 'm', [16, 128, 1024]);
    expect(falling(errs)).toBe(true);
    expect(errs[2]).toBeLessThan(0.05);
  });

  it('degrades as the logit scale grows (the estimator variance is exponential in it)', async () => {
    const small = inputs({ n: 128, d: 16, heads: 1, scale: 0.25, seed: 3 });
    const large = inputs({ n: 128, d: 16, heads: 1, scale: 1, seed: 3 });
    const [eSmall] = await relErrors('performer', small, 'm', [256]);
    const [eLarge] = await relErrors('performer', large, 'm', [256]);
    expect(eLarge).toBeGreaterThan(5 * eSmall);
  });
});

describe('linformer', () => {
  it('error falls as k grows from a few rows', async () => {
    const x = inputs({ n: 128, d: 16, heads: 1, scale: 0.25, seed: 3 });
    expect(falling(await relErrors('linformer', x, 'k', [8, 32, 128]))).toBe(true);
  });

  it('with random (untrained) projections it plateaus near relative error 1, never reaching 0', async () => {
    // softmax(Q(EK)ᵀ)(FV) with independent zero-mean E, F: as k grows the output shrinks
    // towards 0 instead of towards dense. Linformer's guarantee needs learned projections.
    const x = inputs({ n: 128, d: 16, heads: 1, scale: 0.25, seed: 3 });
    const [err] = await relErrors('linformer', x, 'k', [4096]);
    expect(err).toBeGreaterThan(0.8);
    expect(err).toBeLessThan(1.2);
  });
});

describe('nystrom', () => {
  it('error falls as landmarks are added, and is small at m = n', async () => {
    const x = inputs({ n: 128, d: 16, heads: 1, scale: 1, seed: 3 });
    const errs = await relErrors('nystrom', x, 'm', [2, 8, 32, 128]);
    expect(falling(errs)).toBe(true);
    expect(errs[3]).toBeLessThan(0.15);
  });
});

describe('lsh', () => {
  it('error falls as hashing rounds are added', async () => {
    const x = inputs({ n: 128, d: 16, heads: 1, scale: 0.25, seed: 3 });
    const errs = await relErrors('lsh', x, 'rounds', [1, 2, 4, 8, 16], { buckets: 8, chunk: 16 });
    expect(falling(errs)).toBe(true);
    expect(errs[4]).toBeLessThan(0.3);
  });

  it('is accurate on local attention, where neighbours share buckets', async () => {
    const x = inputs({ kind: 'banded', n: 128, d: 16, heads: 1, seed: 3 });
    const [err] = await relErrors('lsh', x, 'rounds', [8], { buckets: 8, chunk: 16 });
    expect(err).toBeLessThan(0.02);
  });

  it.each([false, true])('is exact when one chunk holds every key (causal %s)', async (causal) => {
    // Each key is then seen in every round; the log-count correction must undo the repeats.
    const x = inputs({ n: 40, d: 8 });
    const out = await runOn('lsh', x, causal, { chunk: 40, rounds: 3, buckets: 4 });
    const ref = referenceAttention(x, causal ? keepCausal : keepAll);
    expect(errors(out, ref).maxAbs).toBeLessThan(1e-5);
  });
});

describe('bigbird', () => {
  const configs = [
    { n: 64, block: 8, globals: 8, random: 2 },
    { n: 61, block: 8, globals: 5, random: 1 }, // ragged last block, globals not block-aligned
    { n: 48, block: 4, globals: 0, random: 3 },
    { n: 32, block: 8, globals: 40, random: 1 }, // all global: dense
  ];
  for (const causal of [false, true]) {
    it.each(configs)(
      `equals softmax over its own sparsity pattern (%o, causal ${causal})`,
      async (c) => {
        const x = inputs({ n: c.n, d: 8 });
        const seed = 11;
        const out = await runOn(
          'bigbird',
          x,
          causal,
          { block: c.block, globals: c.globals, random: c.random },
          seed,
        );
        const blocks = Math.ceil(c.n / c.block);
        const g = Math.min(c.globals, c.n);
        const chosen = randomBlocks(blocks, c.random, Math.floor(g / c.block), causal, seed);
        const keep = (i: number, j: number) => {
          if (causal && j > i) return false;
          if (i < g || j < g) return true;
          const bi = Math.floor(i / c.block);
          const bj = Math.floor(j / c.block);
          if (Math.abs(bi - bj) <= 1) return true;
          return chosen.subarray(bi * c.random, (bi + 1) * c.random).includes(bj);
        };
        expect(errors(out, referenceAttention(x, keep)).maxAbs).toBeLessThan(1e-5);
      },
    );
  }

  it('is accurate on local attention', async () => {
    const x = inputs({ kind: 'banded', n: 128, d: 16, heads: 1, seed: 3 });
    const [err] = await relErrors('bigbird', x, 'block', [16], { globals: 16, random: 2 });
    expect(err).toBeLessThan(0.02);
  });
});

describe('window', () => {
  it('is accurate when attention mass lies inside the band', async () => {
    const x = inputs({ kind: 'banded', n: 128, d: 16, heads: 1, seed: 3 });
    const [err] = await relErrors('window', x, 'w', [48]);
    expect(err).toBeLessThan(0.1);
  });
});
