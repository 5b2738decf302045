import { beforeAll, describe, expect, it } from 'vitest';
import { VARIANT_IDS } from '../../core/variantSpecs';
import { prepareCall, RefusedError } from '../runAttention';
import { errors, inputs, liveTensors, runOn, useCpu } from '../testing/cpuHarness';
import { VARIANTS } from '.';

beforeAll(useCpu);

/** Sizes that let every variant's defaults run at n = 64. */
const SMALL: Record<string, Record<string, number>> = {
  flash: { block: 16 },
  window: { w: 16 },
  bigbird: { block: 8, globals: 8, random: 2 },
  linformer: { k: 16 },
  performer: { m: 32 },
  nystrom: { m: 8 },
  lsh: { buckets: 4, rounds: 2, chunk: 16 },
};

/** Variants that run on the cpu backend (the fused WGSL kernel is tested on Dawn instead). */
const onCpu = VARIANTS.filter((v) => !v.backends || v.backends.includes('cpu'));

const modes = onCpu.flatMap((v) =>
  (v.supportsCausal ? [false, true] : [false]).map((causal) => ({ id: v.id, causal })),
);

describe('every variant', () => {
  it('is registered once per spec, in order', () => {
    expect(VARIANTS.map((v) => v.id)).toEqual([...VARIANT_IDS]);
  });

  it.each(modes)('$id (causal $causal): same seed, same output, finite', async ({ id, causal }) => {
    const x = inputs({ n: 64 });
    const a = await runOn(id, x, causal, SMALL[id], 5);
    const b = await runOn(id, x, causal, SMALL[id], 5);
    expect(a.data.every(Number.isFinite)).toBe(true);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it.each(modes)('$id (causal $causal): no tensor leaks over 20 runs', async ({ id, causal }) => {
    const x = inputs({ n: 64 });
    const before = liveTensors();
    for (let i = 0; i < 20; i++) await runOn(id, x, causal, SMALL[id], i);
    expect(liveTensors()).toBe(before);
  });
});

describe('the seeded flag of each spec', () => {
  it('marks the four variants that draw at random', () => {
    expect(onCpu.filter((v) => v.seeded).map((v) => v.id)).toEqual([
      'bigbird',
      'linformer',
      'performer',
      'lsh',
    ]);
  });

  it.each(onCpu.map((v) => ({ id: v.id, seeded: v.seeded === true })))(
    '$id: another seed changes the output exactly when seeded ($seeded)',
    async ({ id, seeded }) => {
      const x = inputs({ n: 64 });
      const a = await runOn(id, x, false, SMALL[id], 1);
      const b = await runOn(id, x, false, SMALL[id], 2);
      if (seeded) expect(errors(a, b).maxAbs).toBeGreaterThan(1e-6);
      else expect(Array.from(b.data)).toEqual(Array.from(a.data));
    },
  );
});

describe('refusals, before anything runs', () => {
  const shape = { heads: 1, n: 100, d: 16, dv: 16, causal: false };
  const refused = (id: string, given: Record<string, number>, s = shape) => {
    try {
      prepareCall(id, s, given, { maxBufferSize: 2 ** 28, maxStorageBufferBindingSize: 2 ** 27 });
    } catch (err) {
      expect(err).toBeInstanceOf(RefusedError);
      return (err as Error).message;
    }
    return null;
  };

  it('odd Taylor degree, with the reason', () => {
    expect(refused('taylor', { p: 3 })).toMatch(/even/);
  });
  it('a Taylor degree whose features would not fit', () => {
    expect(refused('taylor', { p: 8 }, { ...shape, d: 64 })).toMatch(/features/);
  });
  it('Nyström landmarks that do not divide n', () => {
    expect(refused('nystrom', { m: 64 })).toMatch(/divide n = 100/);
  });
  it('causal Linformer and Nyström', () => {
    expect(refused('linformer', {}, { ...shape, causal: true })).toMatch(/cannot be causal/);
    expect(refused('nystrom', { m: 10 }, { ...shape, causal: true })).toMatch(/cannot be causal/);
  });
  it('odd LSH bucket counts', () => {
    expect(refused('lsh', { buckets: 5 })).toMatch(/even/);
  });
  it('unknown and out-of-range parameters, naming them', () => {
    expect(refused('flash', { tile: 4 })).toMatch(/unknown parameter "tile".*block/);
    expect(refused('window', { w: 0 })).toMatch(/w .*must be in \[1/);
    expect(refused('performer', { m: 2.5 })).toMatch(/integer/);
  });
  it('dense beyond the device binding limit, stating sizes', () => {
    expect(refused('dense', {}, { ...shape, n: 8192 })).toMatch(/256 MiB buffer.*128 MiB/);
    expect(refused('flash', {}, { ...shape, n: 8192 })).toBeNull();
  });
  it('a WGSL-only variant on another backend', () => {
    expect(refused('fused', {})).toMatch(/runs only on webgpu; this run uses cpu/);
  });
  it('an unknown variant, listing the valid ones', () => {
    expect(refused('softmax2', {})).toMatch(/unknown variant "softmax2" \(valid: dense, flash/);
  });
});
