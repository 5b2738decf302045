import { describe, expect, it } from 'vitest';
import type { SweepRow } from '../../engine/sweep';
import { CSV_COLUMNS, sweepCsv } from '../../engine/sweepCsv';
import { buildCsv, buildJson, exportName } from './exportResults';
import { abortRun, applyProgress, finishRun, progressText, startRun, statusText } from './labRun';
import { DEFAULT_CONFIG, nsOf, refusals, toJobConfig } from './model/labConfig';
import { hashWithScreen, parseLabHash } from './model/labHash';
import { paramValues } from './model/paramSweep';
import { whereMade } from './precomputed';
import { resultSetOf } from './resultFiles';

const measured = (variant: string, n: number): SweepRow => ({
  variant,
  n,
  msMedian: 2,
  msMin: 1,
  msMax: 3,
  msAll: [1, 2, 3],
  peakBytes: 100,
  analyticBytes: 200,
  analyticFlops: 3e9,
  relError: 0.5,
  maxAbsError: 0.1,
  errorReference: 'dense',
});

describe('URL hash', () => {
  it('reads the contract example', () => {
    const h = parseLabHash(
      '#screen=lab&variants=dense,flash&n=64,128,256&d=32&heads=1&repeats=3&causal=0&input=gaussian&seed=1',
    );
    expect(h.notices).toEqual([]);
    expect(h.screen).toBe('lab');
    expect(h.config).toMatchObject({ variants: ['dense', 'flash'], nMin: 64, nMax: 256, d: 32 });
    expect(h.config).toMatchObject({ heads: 1, repeats: 3, causal: false, inputKind: 'gaussian' });
    expect(nsOf(h.config)).toEqual([64, 128, 256]);
  });

  it('keeps defaults for absent keys and for invalid ones, with a notice each', () => {
    expect(parseLabHash('')).toMatchObject({ screen: 'lab', notices: [] });
    const h = parseLabHash('#variants=dense,nope&n=100&d=0&causal=maybe&input=x&screen=zzz');
    expect(h.config.variants).toEqual(DEFAULT_CONFIG.variants);
    expect(h.config.nMin).toBe(DEFAULT_CONFIG.nMin);
    expect(h.config.d).toBe(DEFAULT_CONFIG.d);
    expect(h.notices).toHaveLength(6);
    expect(h.notices.join('\n')).toMatch(/Ignored variants="dense,nope".*unknown: nope/);
    expect(parseLabHash('#screen=status&n=16,32').config).toMatchObject({ nMin: 16, nMax: 32 });
    expect(parseLabHash('#screen=status').screen).toBe('status');
  });

  it('sets the screen, keeping other keys', () => {
    expect(hashWithScreen('#backend=wasm&screen=lab', 'status')).toBe(
      '#backend=wasm&screen=status',
    );
  });
});

describe('lab config', () => {
  it('sends only the selected variants, in spec order, with their parameters', () => {
    const c = toJobConfig({ ...DEFAULT_CONFIG, variants: ['performer', 'dense'] });
    expect(c.variants).toEqual(['dense', 'performer']);
    expect(c.params).toEqual({ dense: {}, performer: { m: 256 } });
    expect(c.ns).toEqual([64, 128, 256, 512, 1024]);
  });

  it('lists refused points with the reason (causal, device limits)', () => {
    const causal = refusals({ ...DEFAULT_CONFIG, variants: ['linformer'], causal: true }, null);
    expect(causal).toHaveLength(5);
    expect(causal[0].reason).toMatch(/cannot be causal/);
    const tiny = { maxBufferSize: 1 << 20, maxStorageBufferBindingSize: 1 << 20 };
    const big = refusals({ ...DEFAULT_CONFIG, variants: ['dense'] }, tiny);
    expect(big.map((r) => r.n)).toEqual([1024]);
    expect(big[0].reason).toMatch(/binds at most/);
    const wgsl = { ...DEFAULT_CONFIG, variants: ['fused'] };
    expect(refusals(wgsl, null, 'wasm')[0].reason).toMatch(
      /runs only on webgpu; this run uses wasm/,
    );
    expect(refusals(wgsl, null, 'webgpu')).toEqual([]);
  });

  it('offers parameter values as powers of two up to n, refusing what cannot run', () => {
    const sel = { variant: 'taylor', param: 'p', n: 256 };
    const v = paramValues({ ...DEFAULT_CONFIG, d: 8 }, sel, null);
    expect(v.values).toEqual([2, 4, 8]);
    expect(v.refused.map((r) => r.value)).toEqual([1]);
    expect(v.refused[0].reason).toMatch(/even/);
  });
});

describe('run reducers', () => {
  const job = toJobConfig({ ...DEFAULT_CONFIG, variants: ['dense', 'flash'], nMax: 128 });

  it('adds rows as points finish, in request order, and estimates the time left', () => {
    // Both dense points took 2 s (all overhead): flash, not yet measured, borrows that.
    const timed = (n: number) => ({ ...measured('dense', n), wallMs: 2000 });
    let run = startRun(job, 1000, { msPerFlop: 0, msPerCall: 15 });
    expect(progressText(run.progress as NonNullable<typeof run.progress>)).toMatch(
      /estimating time left$/,
    );
    run = applyProgress(
      run,
      { phase: 'done', variant: 'dense', n: 128, step: 1, total: 4, row: timed(128) },
      3000,
    );
    run = applyProgress(
      run,
      { phase: 'done', variant: 'dense', n: 64, step: 2, total: 4, row: timed(64) },
      5000,
    );
    run = applyProgress(run, { phase: 'start', variant: 'flash', n: 64, step: 3, total: 4 }, 5000);
    expect(run.rows.map((r) => r.n)).toEqual([64, 128]);
    expect(run.progress).toMatchObject({ step: 3, done: 2 });
    const p = run.progress as NonNullable<typeof run.progress>;
    expect(progressText(p)).toBe('flash, n = 64, step 3 of 4, about 4 s left');
    // Counted down between messages.
    expect(progressText(p, 6500)).toBe('flash, n = 64, step 3 of 4, about 3 s left');
    expect(statusText(run)).toMatch(/^Running/);
  });

  it('keeps the rows whatever ends the run', () => {
    const started = applyProgress(
      startRun(job, 0),
      { phase: 'done', variant: 'dense', n: 64, step: 1, total: 4, row: measured('dense', 64) },
      10,
    );
    const outcome = {
      rows: [],
      fits: [],
      provenance: { backend: 'webgpu' } as never,
      cancelled: false,
      error: 'out of memory',
      tensors: { before: 0, after: 0 },
    };
    const failed = finishRun(started, outcome, 20);
    expect(failed.status).toBe('failed');
    expect(failed.rows).toHaveLength(1);
    expect(statusText(failed)).toMatch(/^Failed: out of memory\. 1 point measured/);
    const cancelled = finishRun(
      started,
      { ...outcome, error: undefined, cancelled: true, rows: started.rows },
      20,
    );
    expect(statusText(cancelled)).toMatch(/^Cancelled/);
    const done = finishRun(started, { ...outcome, error: undefined, rows: started.rows }, 2020);
    expect(statusText(done)).toBe('Done: 1 point measured in 2.0 s.');
    const crashed = abortRun(started, 'failed', 'the worker crashed', 30);
    expect(crashed).toMatchObject({ status: 'failed', error: 'the worker crashed' });
    expect(crashed.rows).toHaveLength(1);
  });
});

describe('exports and the pre-computed file', () => {
  const rows = [measured('dense', 64), { variant: 'nystrom', n: 64, refused: 'm, must divide n' }];
  const input = {
    config: toJobConfig(DEFAULT_CONFIG),
    rows,
    fits: [{ variant: 'dense', slope: 2, intercept: 0, r2: 1, points: 2, nMin: 64, nMax: 128 }],
    provenance: { backend: 'webgpu', params: { dense: {}, nystrom: { m: 64 } } },
  };

  it('JSON has the CLI sweep shape plus the config', () => {
    const data = JSON.parse(buildJson(input));
    expect(Object.keys(data)).toEqual(['config', 'rows', 'fits', 'provenance']);
    expect(data.rows).toEqual(rows);
  });

  it('CSV has the CLI columns, a record per row, quoted where needed', () => {
    // The same text the CLI's `sweep --format csv` writes for these rows and parameters.
    expect(buildCsv(input)).toBe(sweepCsv(input.rows, input.fits, input.provenance.params));
    const lines = buildCsv(input).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1]).toBe('dense,64,,2,1,3,,100,200,3000000000,0.5,0.1,dense,2,{}');
    expect(lines[2]).toBe('nystrom,64,"m, must divide n",,,,,,,,,,,,"{""m"":64}"');
    expect(exportName('csv', new Date('2025-03-04T10:00:00Z'))).toBe('complexity-2025-03-04.csv');
  });

  it('reads a CLI sweep file and says where it was made; explains a bad one', () => {
    const set = resultSetOf({
      rows,
      fits: [],
      provenance: { backend: 'wasm', cpu: 'Xeon', d: 32, ns: [64], variants: ['dense', 'nystrom'] },
    });
    expect(typeof set).toBe('object');
    if (typeof set === 'object') {
      expect(set.config).toMatchObject({ d: 32, ns: [64], variants: ['dense', 'nystrom'] });
      expect(whereMade(set.provenance)).toBe('wasm, Xeon');
    }
    expect(
      whereMade({
        backend: 'webgpu',
        adapter: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
      }),
    ).toBe('webgpu, google swiftshader (software adapter)');
    expect(resultSetOf([])).toMatch(/rows: missing/);
    expect(resultSetOf({ rows: [{ variant: 'dense' }], provenance: {} })).toMatch(
      /rows\[0\]\.n: missing/,
    );
    expect(resultSetOf({ rows: [], provenance: {} })).toMatch(/no rows/);
  });
});
