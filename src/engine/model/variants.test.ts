import { beforeAll, describe, expect, it } from 'vitest';
import { randomModel } from '../../core/model/testModels';
import { RefusedError } from '../runAttention';
import { liveTensors, useCpu } from '../testing/cpuHarness';
import { taskAccuracy } from './accuracy';
import { traceForward } from './traceForward';

/** Variants inside the model: effective matrices, refusals, and tensor accounting. */

const TOKENS = [2, 0, 5, 4, 16, 2, 0, 5, 4];
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

beforeAll(useCpu);

describe('variants in the model', () => {
  it('an exact variant applies the exact softmax matrix', async () => {
    const w = randomModel({});
    const trace = await traceForward(w, TOKENS, 'flash', { block: 4 });
    expect(trace.params).toEqual({ block: 4 });
    for (const layer of trace.layers) {
      for (const [h, m] of layer.attention.entries())
        expect(maxAbs(m, layer.exact[h])).toBeLessThan(1e-5);
    }
  });

  it('an approximate variant reports its own matrix beside the exact one', async () => {
    const w = randomModel({});
    const trace = await traceForward(w, TOKENS, 'linear');
    const t = TOKENS.length;
    const m = trace.layers[0].attention[0];
    // Causal and normalised, but not softmax.
    for (let i = 0; i < t; i++) {
      let sum = 0;
      for (let j = 0; j < t; j++) {
        if (j > i) expect(Math.abs(m[i * t + j])).toBeLessThan(1e-6);
        sum += m[i * t + j];
      }
      expect(sum).toBeCloseTo(1, 5);
    }
    expect(maxAbs(m, trace.layers[0].exact[0])).toBeGreaterThan(1e-3);
  });

  it('performer with many features approaches softmax (small logits)', async () => {
    const w = randomModel({});
    // Performer's error grows like exp(logit scale): shrink q and k so the estimate converges.
    for (const name of ['l0.wq', 'l0.wk']) w.tensors[name] = w.tensors[name].map((x) => 0.3 * x);
    const few = await traceForward(w, TOKENS, 'performer', { m: 2 });
    const many = await traceForward(w, TOKENS, 'performer', { m: 4096 });
    const err = (tr: typeof few) => maxAbs(tr.layers[0].attention[0], tr.layers[0].exact[0]);
    expect(err(many)).toBeLessThan(err(few));
    expect(err(many)).toBeLessThan(0.05);
  });

  it('a seeded variant records its seed, draws anew with another, and accuracy takes its own', async () => {
    const w = randomModel({});
    const a = await traceForward(w, TOKENS, 'performer', { m: 8 }, { seed: 3 });
    const b = await traceForward(w, TOKENS, 'performer', { m: 8 }, { seed: 4 });
    expect(a.seed).toBe(3);
    expect(maxAbs(a.layers[0].attention[0], b.layers[0].attention[0])).toBeGreaterThan(1e-4);
    // Not seeded: no seed recorded.
    expect((await traceForward(w, TOKENS, 'linear', {}, { seed: 3 })).seed).toBeUndefined();
    const opts = { variant: 'performer', params: { m: 2 }, sequences: 16, seed: 5 };
    const same = await taskAccuracy(w, opts);
    const own = await taskAccuracy(w, { ...opts, variantSeed: 5 });
    expect(same.variantSeed).toBeUndefined();
    expect(own).toMatchObject({ seed: 5, variantSeed: 5 });
    expect(own.variantAccuracy).toBe(same.variantAccuracy);
  });

  it('refuses with a reason: linformer, too long, unknown tokens, MoDA with a variant, bad params', async () => {
    const w = randomModel({});
    const refused = (p: Promise<unknown>, why: RegExp) => expect(p).rejects.toThrow(why);
    await expect(traceForward(w, TOKENS, 'linformer')).rejects.toBeInstanceOf(RefusedError);
    await refused(traceForward(w, TOKENS, 'linformer'), /cannot be causal/);
    await refused(traceForward(w, new Array(33).fill(1), 'dense'), /context is 32/);
    await refused(traceForward(w, [1, 17, 2], 'dense'), /token 17 at position 1/);
    await refused(traceForward(w, [], 'dense'), /empty/);
    await refused(traceForward(w, TOKENS, 'nystrom', { m: 3 }), /Nyström cannot be causal/);
    await refused(traceForward(w, TOKENS, 'lsh', { buckets: 3 }), /even bucket count/);
    await refused(traceForward(w, TOKENS, 'window', { w: 0 }), /must be in \[1, 65536\]/);
    await refused(traceForward(w, TOKENS, 'nope'), /unknown variant/);
    await refused(
      traceForward(randomModel({ moda: true }), TOKENS, 'performer'),
      /MoDA runs with exact softmax/,
    );
  });

  it('leaks no tensors across traces, accuracy runs and refusals', async () => {
    const before = liveTensors();
    for (const overrides of [
      {},
      { residual: 'attnres' as const },
      { mod: { capacity: 0.5, layers: [0] } },
      { moda: true },
    ]) {
      await traceForward(randomModel(overrides), TOKENS, 'dense');
    }
    await traceForward(randomModel({}), TOKENS, 'performer', { m: 8 });
    await traceForward(randomModel({ mod: { capacity: 0.5, layers: [0] } }), TOKENS, 'window', {
      w: 2,
    });
    await traceForward(randomModel({}), TOKENS, 'linformer').catch(() => null);
    await taskAccuracy(randomModel({}), {
      variant: 'performer',
      params: { m: 8 },
      sequences: 20,
      seed: 3,
    });
    await taskAccuracy(randomModel({ mod: { capacity: 0.5, layers: [1] } }), {
      variant: 'dense',
      sequences: 10,
      seed: 3,
    });
    expect(liveTensors()).toBe(before);
  });

  it('batched accuracy agrees with one-at-a-time traces', async () => {
    const w = randomModel({});
    const r = await taskAccuracy(w, { variant: 'linear', sequences: 12, seed: 4, batch: 5 });
    const r1 = await taskAccuracy(w, { variant: 'linear', sequences: 12, seed: 4, batch: 1 });
    expect(r.exactAccuracy).toBeCloseTo(r1.exactAccuracy, 12);
    expect(r.variantAccuracy).toBeCloseTo(r1.variantAccuracy, 12);
    expect(r).toMatchObject({ model: 'test', variant: 'linear', sequences: 12, seed: 4 });
  });
});
