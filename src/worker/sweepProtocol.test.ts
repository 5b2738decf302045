import { describe, expect, it } from 'vitest';
import type { BackendReport } from '../engine/backend';
import type { SweepConfig, SweepProgress, SweepResult, SweepRow } from '../engine/sweep';
import { isEngineResponse, isFinal, parseRequest } from './protocol';
import { type JobContext, paramSweepJob, type SweepDeps, sweepJob } from './sweepJobs';
import type { SweepJobConfig } from './sweepProtocol';

const config: SweepJobConfig = {
  variants: ['dense', 'flash'],
  ns: [64, 128],
  d: 32,
  heads: 1,
  causal: false,
  inputKind: 'gaussian',
  seed: 1,
  repeats: 3,
  params: { flash: { block: 64 } },
};
const sweep = { type: 'sweep', id: 3, config };
const paramSweep = {
  type: 'paramSweep',
  id: 4,
  config: { ...config, variants: ['performer'], ns: [256], params: {} },
  param: 'm',
  values: [16, 32],
};

describe('sweep requests', () => {
  it('accepts valid sweeps and parameter sweeps', () => {
    expect(parseRequest(sweep).ok).toBe(true);
    expect(parseRequest({ ...sweep, config: { ...config, ns: [16, 16384] } }).ok).toBe(true);
    expect(parseRequest(paramSweep).ok).toBe(true);
  });

  it('takes the own kernel as one more variant, under its name only', () => {
    const ownKernel = { name: 'mine', body: '  setOut(h, i, 0u, 1.0);', cost: 'n d' };
    const withOwn = { ...config, variants: ['dense', 'mine'], params: {}, ownKernel };
    expect(parseRequest({ ...sweep, config: withOwn }).ok).toBe(true);
    const stray = parseRequest({
      ...sweep,
      config: { ...config, variants: ['dense', 'mine'], params: {} },
    });
    expect(stray.ok).toBe(false);
    if (!stray.ok)
      expect(stray.error).toMatch(/config\.variants\[1\]: expected one of .*got "mine"/);
    const badCost = parseRequest({
      ...sweep,
      config: { ...withOwn, ownKernel: { ...ownKernel, cost: 'n x' } },
    });
    expect(badCost.ok).toBe(false);
    if (!badCost.ok) expect(badCost.error).toMatch(/config\.ownKernel: its cost "n x"/);
  });

  it.each([
    [{ ...sweep, config: null }, /config: expected an object, got null/],
    [
      { ...sweep, config: { ...config, variants: [] } },
      /config\.variants: expected a non-empty list/,
    ],
    [
      { ...sweep, config: { ...config, variants: ['dense', 'nope'] } },
      /config\.variants\[1\]: expected one of dense, .*got "nope"/,
    ],
    [
      { ...sweep, config: { ...config, variants: ['dense', 'dense'] } },
      /variants\[1\]: expected a value not already/,
    ],
    [
      { ...sweep, config: { ...config, ns: [100] } },
      /config\.ns\[0\]: expected a power of two in \[16, 16384\], got 100/,
    ],
    [{ ...sweep, config: { ...config, ns: [8] } }, /power of two/],
    [{ ...sweep, config: { ...config, ns: [32768] } }, /power of two/],
    [{ ...sweep, config: { ...config, d: 257 } }, /config\.d: expected an integer in \[1, 256\]/],
    [
      { ...sweep, config: { ...config, heads: 17 } },
      /config\.heads: expected an integer in \[1, 16\]/,
    ],
    [
      { ...sweep, config: { ...config, repeats: 51 } },
      /config\.repeats: expected an integer in \[1, 50\]/,
    ],
    [{ ...sweep, config: { ...config, causal: 1 } }, /config\.causal: expected true or false/],
    [{ ...sweep, config: { ...config, inputKind: 'noise' } }, /config\.inputKind: expected one of/],
    [
      { ...sweep, config: { ...config, params: { linear: {} } } },
      /config\.params\.linear: expected the params of a variant in the sweep/,
    ],
    [
      { ...sweep, config: { ...config, params: { flash: { block: null } } } },
      /params\.flash\.block: expected a finite number/,
    ],
    [{ ...paramSweep, config: config }, /exactly one variant and one n/],
    [{ ...paramSweep, values: [] }, /values: expected a non-empty list/],
    [{ ...paramSweep, values: [1, Number.NaN] }, /values\[1\]: expected a finite number, got NaN/],
    [{ ...paramSweep, param: '' }, /param: expected a parameter name/],
  ])('rejects %#', (msg, why) => {
    const parsed = parseRequest(msg);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(why);
  });

  describe("with the user's inputs", () => {
    const block = (heads: number, n: number, width: number) => ({
      heads,
      n,
      width,
      data: new Float32Array(heads * n * width).fill(0.5),
    });
    const inputFile = {
      name: 'qkv.npz',
      shape: [2, 64, 16],
      dtype: 'float32',
      sha256: 'ab'.repeat(32),
    };
    const fileConfig = { ...config, d: 16, heads: 2, ns: [16, 64], inputFile };
    const inputs = { q: block(2, 64, 16), k: block(2, 64, 16), v: block(2, 64, 8) };
    const withInputs = { ...sweep, config: fileConfig, inputs };

    it('accepts q, k, v that fit the config, in sweeps and parameter sweeps', () => {
      expect(parseRequest(withInputs).ok).toBe(true);
      const one = { ...fileConfig, variants: ['performer'], ns: [64], params: {} };
      expect(parseRequest({ ...paramSweep, config: one, inputs }).ok).toBe(true);
    });

    const nan = block(2, 64, 16);
    nan.data[77] = Number.NaN;
    it.each([
      [
        { ...withInputs, inputs: undefined },
        /inputs: expected q, k, v head blocks \(config\.inputFile is set\), got nothing/,
      ],
      [
        { ...withInputs, config: { ...fileConfig, inputFile: undefined } },
        /config\.inputFile: expected the inputs' file \(inputs are given\), got nothing/,
      ],
      [{ ...withInputs, inputs: 'x' }, /inputs: expected an object \{q, k, v\}/],
      [{ ...withInputs, inputs: { ...inputs, q: null } }, /inputs\.q: expected a head block/],
      [
        { ...withInputs, inputs: { ...inputs, k: block(1, 64, 16) } },
        /inputs\.k\.heads: expected config\.heads \(2\), got 1/,
      ],
      [
        { ...withInputs, inputs: { ...inputs, q: block(2, 64, 8) } },
        /inputs\.q\.width: expected config\.d \(16\), got 8/,
      ],
      [
        { ...withInputs, inputs: { ...inputs, v: block(2, 32, 8) } },
        /inputs\.v\.n: expected inputs\.q\.n \(64\), got 32/,
      ],
      [
        { ...withInputs, inputs: { ...inputs, v: block(2, 64, 300) } },
        /inputs\.v\.width: expected an integer in \[1, 256\]/,
      ],
      [
        { ...withInputs, inputs: { ...inputs, q: { ...inputs.q, data: [1, 2] } } },
        /inputs\.q\.data: expected a Float32Array/,
      ],
      [
        { ...withInputs, inputs: { ...inputs, q: { ...inputs.q, n: 32 } } },
        /inputs\.q\.data: expected heads × n × width = 1024 numbers, got 2048/,
      ],
      [
        { ...withInputs, inputs: { ...inputs, k: nan } },
        /inputs\.k\.data\[77\]: expected a finite number, got NaN/,
      ],
      [
        { ...withInputs, config: { ...fileConfig, ns: [16, 128] } },
        /config\.ns\[1\]: expected at most the inputs' n \(64\), got 128/,
      ],
      [
        {
          ...withInputs,
          config: { ...fileConfig, inputFile: { ...inputFile, sha256: 'AB'.repeat(32) } },
        },
        /config\.inputFile\.sha256: expected 64 lowercase hex/,
      ],
      [
        {
          ...withInputs,
          config: { ...fileConfig, inputFile: { ...inputFile, name: 'x'.repeat(201) } },
        },
        /config\.inputFile\.name: expected a string of 1 to 200/,
      ],
      [
        {
          ...withInputs,
          config: { ...fileConfig, inputFile: { ...inputFile, shape: [1, 2, 3, 4, 5] } },
        },
        /config\.inputFile\.shape: expected 1 to 4 positive integers/,
      ],
      [
        { ...withInputs, config: { ...fileConfig, inputFile: { ...inputFile, dtype: 'int32' } } },
        /config\.inputFile\.dtype: expected float32 or float64, got "int32"/,
      ],
    ])('rejects inputs %#', (msg, why) => {
      const parsed = parseRequest(msg);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(why);
    });
  });

  it('knows the new responses', () => {
    const progress = {
      type: 'sweepProgress',
      id: 1,
      phase: 'start',
      variant: 'dense',
      n: 64,
      step: 1,
      total: 2,
    } as const;
    expect(isEngineResponse(progress)).toBe(true);
    expect(isFinal(progress)).toBe(false);
    expect(isFinal({ type: 'sweepResult', id: 1 } as never)).toBe(true);
    expect(isEngineResponse({ type: 'paramSweepResult', id: 1 })).toBe(true);
  });
});

const row = (variant: string, n: number): SweepRow => ({ variant, n, refused: 'test' });
const report = {
  name: 'webgpu',
  reason: 'first choice',
  failures: [],
  adapter: {
    vendor: 'v',
    architecture: 'a',
    device: '',
    description: '',
    isFallbackAdapter: false,
  },
  limits: { maxBufferSize: 1 << 28, maxStorageBufferBindingSize: 1 << 27 },
  features: [],
  hasTimestampQuery: false,
  tfjsVersion: '4.22.0',
} satisfies BackendReport;

function fakeDeps(failAt: number | null): SweepDeps & { seen: SweepConfig[] } {
  const seen: SweepConfig[] = [];
  return {
    seen,
    runSweep: async (c, onProgress?: (p: SweepProgress) => void, shouldCancel?: () => boolean) => {
      seen.push(c);
      const rows: SweepRow[] = [];
      let step = 0;
      for (const n of c.ns)
        for (const v of c.variants) {
          if (shouldCancel?.()) return { rows, fits: [], provenance: {} as never, cancelled: true };
          step++;
          if (step === failAt) throw new Error('out of memory');
          const r = row(v, n);
          rows.push(r);
          onProgress?.({ phase: 'done', variant: v, n, step, total: 4, row: r });
        }
      return {
        rows,
        fits: [],
        provenance: { date: 'x' } as never,
        cancelled: false,
      } as SweepResult;
    },
    fitRows: (_rows, variants) =>
      variants.map((variant) => ({
        variant,
        slope: null,
        intercept: null,
        r2: null,
        points: 0,
        nMin: null,
        nMax: null,
      })),
    numTensors: () => 7,
    userAgent: 'test-agent',
    appVersion: '0.1.0',
  };
}

const ctx = (over: Partial<JobContext> = {}): JobContext & { posted: unknown[] } => {
  const posted: unknown[] = [];
  return {
    id: 3,
    report,
    post: (r) => posted.push(r),
    cancelled: () => false,
    lost: () => null,
    posted,
    ...over,
  };
};

describe('sweep jobs', () => {
  it('adds the device limits and the provenance; streams a message per point', async () => {
    const deps = fakeDeps(null);
    const c = ctx();
    const out = await sweepJob({ type: 'sweep', id: 3, config }, deps, c);
    expect(deps.seen[0].limits).toEqual(report.limits);
    expect(out.rows).toHaveLength(4);
    expect(c.posted).toHaveLength(4);
    expect(out.provenance).toMatchObject({
      backend: 'webgpu',
      userAgent: 'test-agent',
      appVersion: '0.1.0',
      d: 32,
      heads: 1,
      seed: 1,
      repeats: 3,
      tfjsVersion: '4.22.0',
      date: 'x',
    });
    expect(out.tensors).toEqual({ before: 7, after: 7 });
    expect(out.cancelled).toBe(false);
    expect(out.error).toBeUndefined();
  });

  it('an error mid-sweep keeps the rows so far, in sweep order, with the message', async () => {
    const out = await sweepJob({ type: 'sweep', id: 3, config }, fakeDeps(4), ctx());
    expect(out.error).toBe('out of memory');
    expect(out.rows.map((r) => `${r.variant}@${r.n}`)).toEqual([
      'dense@64',
      'dense@128',
      'flash@64',
    ]);
    expect(out.fits.map((f) => f.variant)).toEqual(['dense', 'flash']);
  });

  it('a lost device stops the sweep with its message', async () => {
    let lost: string | null = null;
    const deps = fakeDeps(null);
    const c = ctx({
      lost: () => lost,
      post: () => {
        lost = 'device lost: reset';
      },
    });
    const out = await sweepJob({ type: 'sweep', id: 3, config }, deps, c);
    expect(out.rows).toHaveLength(1);
    expect(out.error).toBe('device lost: reset');
    expect(out.cancelled).toBe(false);
  });

  it('a parameter sweep runs one sweep per value with that value', async () => {
    const deps = fakeDeps(null);
    let calls = 0;
    const c = ctx({ cancelled: () => calls >= 3 });
    c.post = () => calls++;
    const out = await paramSweepJob(paramSweep as never, deps, c);
    expect(deps.seen.map((s) => s.params?.performer?.m)).toEqual([16, 32]);
    expect(out.points).toEqual([{ value: 16, row: row('performer', 256) }]);
    expect(out.cancelled).toBe(true);
  });
});
