import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkSweepConfig,
  isMeasured,
  runSweep,
  type SweepConfig,
  type SweepProgress,
} from './sweep';
import { liveTensors, useCpu } from './testing/cpuHarness';

beforeAll(useCpu);

const base: SweepConfig = {
  variants: ['dense', 'flash'],
  ns: [32, 64],
  d: 8,
  heads: 1,
  causal: false,
  inputKind: 'gaussian',
  seed: 3,
  repeats: 2,
  params: { flash: { block: 16 } },
};

describe('runSweep', () => {
  it('gives a finite row per (variant, n), fits, provenance, and leaks nothing', async () => {
    const before = liveTensors();
    const events: SweepProgress[] = [];
    const r = await runSweep(base, (p) => events.push(p));
    expect(liveTensors()).toBe(before);
    expect(r.cancelled).toBe(false);
    expect(r.rows.map((row) => `${row.variant}@${row.n}`)).toEqual([
      'dense@32',
      'dense@64',
      'flash@32',
      'flash@64',
    ]);
    for (const row of r.rows) {
      if (!isMeasured(row)) throw new Error(`refused: ${row.refused}`);
      for (const x of [row.msMedian, row.msMin, row.msMax, row.peakBytes, row.analyticFlops]) {
        expect(Number.isFinite(x) && x > 0).toBe(true);
      }
      expect(row.msAll).toHaveLength(2);
      expect(row.errorReference).toBe('dense');
      expect(row.relError).toBeLessThan(1e-5);
    }
    expect(r.fits.map((f) => [f.variant, f.points, f.nMin, f.nMax])).toEqual([
      ['dense', 2, 32, 64],
      ['flash', 2, 32, 64],
    ]);
    expect(Number.isFinite(r.fits[0].slope)).toBe(true);
    expect(r.provenance).toMatchObject({ backend: 'cpu', seed: 3, d: 8, dv: 8, repeats: 2 });
    expect(r.provenance.params).toEqual({ dense: {}, flash: { block: 16 } });
    expect(events.filter((e) => e.phase === 'done').map((e) => e.step)).toEqual([1, 2, 3, 4]);
    expect(events.every((e) => e.total === 4)).toBe(true);
  });

  it('turns refusals into rows and keeps going; errors against dense run unswept', async () => {
    const r = await runSweep({
      ...base,
      variants: ['nystrom', 'linear'],
      ns: [24, 32],
      params: { nystrom: { m: 8 } },
    });
    const nystrom24 = r.rows.find((row) => row.variant === 'nystrom' && row.n === 24);
    expect(nystrom24?.refused).toBeUndefined();
    const linear = r.rows.filter(isMeasured).filter((row) => row.variant === 'linear');
    expect(linear).toHaveLength(2);
    // Linear attention is not softmax attention: a real, finite, non-zero error against dense.
    for (const row of linear) expect(row.relError).toBeGreaterThan(1e-3);

    const causal = await runSweep({
      ...base,
      variants: ['linformer', 'nystrom'],
      params: {},
      causal: true,
      ns: [20],
    });
    expect(causal.rows.map((row) => row.refused)).toEqual([
      expect.stringMatching(/cannot be causal/),
      expect.stringMatching(/cannot be causal/),
    ]);
    expect(causal.fits.every((f) => f.slope === null)).toBe(true);

    const indivisible = await runSweep({
      ...base,
      variants: ['nystrom'],
      ns: [20, 32],
      params: { nystrom: { m: 16 } },
    });
    expect(indivisible.rows[0].refused).toMatch(/m = 16 to divide n = 20/);
    expect(isMeasured(indivisible.rows[1])).toBe(true);
  });

  it('falls back to the float64 reference when dense is refused by the device', async () => {
    const limits = { maxBufferSize: 40 * 40 * 4, maxStorageBufferBindingSize: 40 * 40 * 4 };
    const r = await runSweep({
      ...base,
      variants: ['dense', 'linear'],
      params: {},
      ns: [32, 48],
      limits,
    });
    const get = (id: string, n: number) => r.rows.find((row) => row.variant === id && row.n === n);
    expect(get('dense', 48)?.refused).toMatch(/needs a .* buffer/);
    const linear48 = get('linear', 48);
    expect(linear48 && isMeasured(linear48) && linear48.errorReference).toBe('float64');
    const linear32 = get('linear', 32);
    expect(linear32 && isMeasured(linear32) && linear32.errorReference).toBe('dense');
  });

  it('stops when cancelled and returns what finished', async () => {
    const before = liveTensors();
    let done = 0;
    const r = await runSweep(
      base,
      (p) => {
        if (p.phase === 'done') done++;
      },
      () => done >= 1,
    );
    expect(r.cancelled).toBe(true);
    expect(r.rows).toHaveLength(1);
    expect(liveTensors()).toBe(before);
  });
});

describe('checkSweepConfig', () => {
  it.each([
    [{ variants: ['dense', 'nope'] }, /unknown variant "nope" \(valid: dense, flash/],
    [{ ns: [32, 0] }, /n must be a positive integer, got 0/],
    [{ ns: [32, 32] }, /listed twice/],
    [{ warmup: 0 }, /warmup must be a positive integer/],
    [{ params: { flash: { tile: 2 } } }, /unknown parameter "tile" for flash/],
    [{ params: { flash: { block: 0 } } }, /block of flash must be in \[1, 8192\]/],
    [{ params: { linear: {} } }, /linear, which is not in the sweep/],
  ] as [Partial<SweepConfig>, RegExp][])('%j is refused', (patch, message) => {
    expect(() => checkSweepConfig({ ...base, ...patch })).toThrow(message);
  });

  it('returns every effective parameter, defaults included', () => {
    expect(checkSweepConfig({ ...base, variants: ['flash', 'lsh'], params: {} })).toEqual({
      flash: { block: 64 },
      lsh: { buckets: 16, rounds: 4, chunk: 64 },
    });
  });
});

describe('runSweep on given inputs (a file of q, k, v)', () => {
  it('measures a prefix per n; dense is checked against float64 on that prefix', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseNpz } = await import('../core/npy/npz');
    const { inputsFromNpz } = await import('../core/npy/attentionInputs');
    const { referenceAttention, keepAll } = await import('../core/reference/dense');
    const { prefixInputs } = await import('../core/headBlock');
    const bytes = new Uint8Array(
      readFileSync(new URL('../../e2e/data/npy/qkv.npz', import.meta.url)),
    );
    const limits = { heads: [1, 16], n: [16, 16384], d: [1, 256], dv: [1, 256] } as const;
    const { inputs } = inputsFromNpz(parseNpz(bytes, 'qkv.npz'), 'qkv.npz', limits);
    const inputFile = {
      name: 'qkv.npz',
      shape: [2, 64, 16],
      dtype: 'float32' as const,
      sha256: '0'.repeat(64),
    };
    const config: SweepConfig = {
      ...base,
      variants: ['dense', 'linear'],
      ns: [16, 32, 64],
      d: 16,
      heads: 2,
      params: {},
      inputs,
      inputFile,
    };
    const before = liveTensors();
    const r = await runSweep(config);
    expect(liveTensors()).toBe(before);
    expect(r.provenance).toMatchObject({ inputFile, inputKind: 'gaussian' });
    expect(JSON.stringify(r.provenance)).not.toMatch(/"data"/);
    for (const row of r.rows) {
      if (!isMeasured(row)) throw new Error(`refused: ${row.refused}`);
      if (row.variant === 'dense') {
        expect(row.errorReference).toBe('float64');
        expect(row.relError).toBeLessThanOrEqual(1e-5);
        expect(row.relError).toBeGreaterThan(0); // float32 vs float64: not compared with itself
      } else {
        expect(row.errorReference).toBe('dense');
        expect(row.relError).toBeGreaterThan(1e-3); // linear attention is not softmax
      }
    }
    // The float64 reference of a prefix is exact attention over those rows only.
    const ref16 = referenceAttention(prefixInputs(inputs, 16), keepAll);
    expect(ref16.n).toBe(16);
    expect(() => checkSweepConfig({ ...config, ns: [128] })).toThrow(
      /n = 128 is more than the given inputs' n = 64/,
    );
    expect(() => checkSweepConfig({ ...config, d: 8 })).toThrow(/d = 16, the config 8/);
  });
});
