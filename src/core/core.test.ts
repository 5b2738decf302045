import { describe, expect, it } from 'vitest';
import { generateInputs, INPUT_KINDS } from './inputs';
import { maxAbsError, meanRowKL, relativeError } from './metrics';
import { monomialsOfDegree } from './monomials';
import { resolveParams } from './params';
import { orthogonalGaussian } from './randomFeatures';
import { keepCausal, keepWindow, referenceWeights } from './reference/dense';
import { createRng } from './rng';
import { refusalReason } from './runCheck';
import { binomial, findSpec, taylorFeatureCount, VARIANT_SPECS } from './variantSpecs';

describe('rng', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws standard normals (mean 0, variance 1 within sampling error)', () => {
    const r = createRng(1);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });
});

describe('inputs', () => {
  it.each(INPUT_KINDS)('%s: seeded, shaped [heads, n, d], finite', (kind) => {
    const opts = { kind, heads: 2, n: 32, d: 8, dv: 4, seed: 9 };
    const a = generateInputs(opts);
    const b = generateInputs(opts);
    expect(a.q.data.length).toBe(2 * 32 * 8);
    expect(a.v.data.length).toBe(2 * 32 * 4);
    expect(Array.from(a.k.data)).toEqual(Array.from(b.k.data));
    expect(a.q.data.every(Number.isFinite)).toBe(true);
  });

  it('bounded entries stay within [−B, B]', () => {
    const x = generateInputs({ kind: 'bounded', heads: 1, n: 64, d: 8, seed: 1, scale: 0.3 });
    expect(Math.max(...x.q.data.map(Math.abs))).toBeLessThanOrEqual(0.3);
  });

  it('banded inputs put most attention mass near the diagonal', () => {
    const x = generateInputs({ kind: 'banded', heads: 1, n: 64, d: 16, seed: 1 });
    const p = referenceWeights(x, 0, () => true);
    let near = 0;
    for (let i = 0; i < 64; i++) {
      for (let j = Math.max(0, i - 8); j <= Math.min(63, i + 8); j++) near += p[i * 64 + j];
    }
    expect(near / 64).toBeGreaterThan(0.9);
  });

  it('lowrank inputs have rank ≤ r (the Gram matrix of 6 rows with r = 2 is singular)', () => {
    const x = generateInputs({ kind: 'lowrank', heads: 1, n: 6, d: 8, seed: 1, rank: 2 });
    const row = (i: number) => Array.from(x.q.data.subarray(i * 8, i * 8 + 8));
    // Three rows of a rank-2 matrix are linearly dependent: their 3×3 Gram determinant is ~0.
    const g = [0, 1, 2].map((i) =>
      [0, 1, 2].map((j) => row(i).reduce((s, a, t) => s + a * row(j)[t], 0)),
    );
    const det =
      g[0][0] * (g[1][1] * g[2][2] - g[1][2] * g[2][1]) -
      g[0][1] * (g[1][0] * g[2][2] - g[1][2] * g[2][0]) +
      g[0][2] * (g[1][0] * g[2][1] - g[1][1] * g[2][0]);
    const scale = g[0][0] * g[1][1] * g[2][2];
    expect(Math.abs(det) / scale).toBeLessThan(1e-4);
  });
});

describe('reference weights', () => {
  it('rows sum to 1 and respect causal and window masks', () => {
    const x = generateInputs({ kind: 'gaussian', heads: 1, n: 20, d: 4, seed: 2 });
    for (const keep of [keepCausal, keepWindow(5, false), keepWindow(3, true)]) {
      const p = referenceWeights(x, 0, keep);
      for (let i = 0; i < 20; i++) {
        let sum = 0;
        for (let j = 0; j < 20; j++) {
          if (!keep(i, j)) expect(p[i * 20 + j]).toBe(0);
          sum += p[i * 20 + j];
        }
        expect(sum).toBeCloseTo(1, 12);
      }
    }
  });
});

describe('metrics', () => {
  const block = (data: number[]) => ({
    heads: 1,
    n: data.length,
    width: 1,
    data: Float64Array.from(data),
  });
  it('relative Frobenius and max abs error', () => {
    expect(relativeError(block([3, 4]), block([3, 4]))).toBe(0);
    expect(relativeError(block([3, 5]), block([3, 4]))).toBeCloseTo(1 / 5, 12);
    expect(maxAbsError(block([1, 2, 3]), block([1, 2.5, 2]))).toBe(1);
    expect(() => relativeError(block([1]), block([1, 2]))).toThrow(/shape/);
  });
  it('mean row KL: 0 for equal rows, positive otherwise, infinite where P̂ misses mass', () => {
    const p = Float64Array.from([0.5, 0.5, 1, 0]);
    expect(meanRowKL(p, p, 2)).toBe(0);
    expect(meanRowKL(p, Float64Array.from([0.9, 0.1, 1, 0]), 2)).toBeCloseTo(
      (0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(0.5 / 0.1)) / 2,
      12,
    );
    expect(meanRowKL(p, Float64Array.from([1, 0, 1, 0]), 2)).toBe(Infinity);
  });
});

describe('params', () => {
  const specs = findSpec('lsh')?.params ?? [];
  it('fills defaults and rejects unknown, non-integer and out-of-range values', () => {
    expect(resolveParams('lsh', specs, { rounds: 2 })).toEqual({
      buckets: 16,
      rounds: 2,
      chunk: 64,
    });
    expect(() => resolveParams('lsh', specs, { round: 2 })).toThrow(/unknown parameter "round"/);
    expect(() => resolveParams('lsh', specs, { rounds: 1.5 })).toThrow(/integer/);
    expect(() => resolveParams('lsh', specs, { rounds: 99 })).toThrow(/\[1, 16\]/);
  });
});

describe('variant specs', () => {
  const shape = { heads: 2, n: 1024, d: 64, dv: 64, causal: false };
  it.each(VARIANT_SPECS.map((s) => s.id))(
    '%s: positive costs that grow with n at its exponent',
    (id) => {
      const spec = findSpec(id);
      if (!spec) throw new Error(id);
      const params = resolveParams(id, spec.params);
      const a = spec.cost(shape, params);
      const b = spec.cost({ ...shape, n: 4096 }, params);
      expect(a.flops).toBeGreaterThan(0);
      expect(a.bytes).toBeGreaterThan(0);
      const exponent = Math.log(b.flops / a.flops) / Math.log(4);
      expect(exponent).toBeGreaterThan(spec.timeExponent - 0.25);
      expect(exponent).toBeLessThan(spec.timeExponent + 0.25);
    },
  );

  it('dense costs 4n²d FLOPs to leading order (REFERENCE.md §1)', () => {
    const spec = findSpec('dense');
    const cost = spec?.cost({ heads: 1, n: 4096, d: 64, dv: 64, causal: false }, {});
    expect((cost?.flops ?? 0) / (4 * 4096 ** 2 * 64)).toBeCloseTo(1, 1);
  });

  it('Taylor feature counts are C(d+p, p)', () => {
    expect(binomial(66, 2)).toBe(2145);
    expect(taylorFeatureCount(64, 2)).toBe(2145);
    let total = 1;
    for (let t = 1; t <= 4; t++) total += monomialsOfDegree(5, t).coeff.length;
    expect(total).toBe(taylorFeatureCount(5, 4));
  });

  it('refuses beyond the device binding limit before running', () => {
    const dense = findSpec('dense');
    if (!dense) throw new Error('dense');
    const limits = { maxBufferSize: 2 ** 28, maxStorageBufferBindingSize: 2 ** 27 };
    expect(refusalReason(dense, { ...shape, heads: 1, n: 4096 }, {}, limits)).toBeNull();
    expect(refusalReason(dense, { ...shape, heads: 1, n: 8192 }, {}, limits)).toMatch(/256 MiB/);
  });
});

describe('orthogonal random features', () => {
  it('rows within a block are orthogonal', () => {
    const d = 6;
    const w = orthogonalGaussian(createRng(3), 12, d);
    for (const [i, j] of [
      [0, 1],
      [2, 5],
      [6, 11],
    ]) {
      let dot = 0;
      for (let t = 0; t < d; t++) dot += w[i * d + t] * w[j * d + t];
      expect(Math.abs(dot)).toBeLessThan(1e-9);
    }
  });
});
