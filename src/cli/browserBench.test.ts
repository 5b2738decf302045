import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toSweepRows, validateLabDoc } from './benchLabDoc';
import {
  type BrowserBenchPlan,
  browserPlan,
  type LabRun,
  labUrl,
  PRECOMPUTE_OUTPUT,
  progressText,
} from './benchPlan';
import { needsBuild, parseServerUrl } from './benchServer';
import { firstLine } from './browserBench';
import { CHROMIUM_ARGS } from './chromiumArgs';
import { benchChecks, fitRangeFor } from './commands/benchChecks';
import { sweepConfig } from './commands/sweepConfig';
import { CliError } from './errors';
import { leftovers, run, scratchDir } from './testing';

/** The pure parts of `bench --browser`: the lab URL, the flags, the downloaded JSON's checks. */

const RUN: LabRun = {
  variants: ['dense', 'flash'],
  ns: [64, 128],
  d: 32,
  heads: 1,
  repeats: 2,
  causal: false,
  inputKind: 'gaussian',
  seed: 1,
};

describe('labUrl', () => {
  it('puts the whole run in the hash the lab reads at load', () => {
    expect(labUrl('http://127.0.0.1:4173/', RUN)).toBe(
      'http://127.0.0.1:4173/#screen=lab&variants=dense,flash&n=64,128&d=32&heads=1&repeats=2&causal=0&input=gaussian&seed=1',
    );
  });

  it('keeps a sub-path, says causal=1, and asks for another backend only in the query', () => {
    const url = new URL(
      labUrl('http://127.0.0.1:5000/deep/sub/', { ...RUN, causal: true, seed: 7 }, 'wasm'),
    );
    expect(url.pathname).toBe('/deep/sub/');
    expect(url.search).toBe('?backend=wasm');
    expect(url.hash).toContain('&causal=1&');
    expect(url.hash.endsWith('&seed=7')).toBe(true);
    expect(new URL(labUrl('http://h:1/', RUN, 'webgpu')).search).toBe('');
  });
});

describe('parseServerUrl', () => {
  it("reads vite preview's Local line, coloured or not, and nothing else", () => {
    const plain = '  ➜  Local:   http://127.0.0.1:41234/\n  ➜  press h + enter to show help\n';
    expect(parseServerUrl(plain)).toBe('http://127.0.0.1:41234/');
    const coloured =
      '  \x1b[32m➜\x1b[39m  \x1b[1mLocal\x1b[22m:   \x1b[36mhttp://127.0.0.1:\x1b[1m5173\x1b[22m/\x1b[39m\n';
    expect(parseServerUrl(coloured)).toBe('http://127.0.0.1:5173/');
    expect(parseServerUrl('  ➜  Network: use --host to expose\n')).toBeNull();
    expect(parseServerUrl('  ➜  Local:   http://127.0.0.1:')).toBeNull(); // half a line
  });
});

describe('firstLine', () => {
  it("keeps one line of Playwright's coloured, multi-line messages", () => {
    const err = new Error(
      'locator.waitFor: Timeout 60000ms exceeded.\nCall log:\n\x1b[2m  - waiting\x1b[22m',
    );
    expect(firstLine(err)).toBe('locator.waitFor: Timeout 60000ms exceeded.');
    expect(firstLine('\x1b[31mplain\x1b[39m')).toBe('plain');
  });
});

describe('progressText', () => {
  it("rows done, then the lab's own progress line", () => {
    expect(progressText(3, 12, 'dense, n = 256, step 4 of 12, about 4 s left')).toBe(
      '[3/12] dense, n = 256, step 4 of 12, about 4 s left',
    );
    expect(progressText(0, 12, null)).toBe('[0/12]');
  });
});

describe('needsBuild', () => {
  it('builds when dist/ is missing or any source is newer', () => {
    expect(needsBuild(null, [])).toBe(true);
    expect(needsBuild(100, [50, 100])).toBe(false);
    expect(needsBuild(100, [50, 101])).toBe(true);
  });
});

/** A measured row as the lab writes it (`flops`, `params`). */
const row = (variant: string, n: number, extra: Record<string, unknown> = {}) => ({
  variant,
  n,
  params: {},
  msMedian: 2,
  msMin: 1,
  msMax: 3,
  peakBytes: n * n * 4,
  analyticBytes: n * n * 4,
  flops: 4 * n * n * 32,
  relError: 0,
  ...extra,
});

const goodDoc = () => ({
  config: { variants: ['dense', 'flash'], ns: [64, 128] },
  rows: [row('dense', 64), row('dense', 128), row('flash', 64), row('flash', 128)],
  fits: [],
  provenance: { backend: 'webgpu', adapter: { vendor: 'google', architecture: 'swiftshader' } },
});

const expectation = { variants: RUN.variants, ns: RUN.ns, backend: 'webgpu' };

describe('validateLabDoc', () => {
  it('accepts a full document, refused rows, relError null and analyticFlops for flops', () => {
    expect(validateLabDoc(goodDoc(), expectation).rows).toHaveLength(4);
    const doc = goodDoc();
    doc.rows[1] = { variant: 'dense', n: 128, refused: 'beyond the device limit' } as never;
    doc.rows[2] = row('flash', 64, { relError: null, flops: undefined, analyticFlops: 9 });
    expect(() => validateLabDoc(doc, expectation)).not.toThrow();
  });

  const broken: [string, (d: ReturnType<typeof goodDoc>) => unknown, RegExp][] = [
    ['not an object', () => [], /not a JSON object/],
    ['no provenance', (d) => ({ ...d, provenance: undefined }), /"provenance" is missing/],
    ['no config', (d) => ({ ...d, config: null }), /"config" is missing/],
    ['rows not a list', (d) => ({ ...d, rows: {} }), /"rows" is missing or not an array/],
    ['no fits', (d) => ({ ...d, fits: undefined }), /"fits" is missing/],
    ['empty rows', (d) => ({ ...d, rows: [] }), /"rows" is empty/],
    // JSON has no NaN or Infinity: JSON.stringify writes them as null.
    [
      'a NaN median',
      (d) => JSON.parse(JSON.stringify({ ...d, rows: [row('dense', 64, { msMedian: NaN })] })),
      /rows\[0\] \(dense n=64\): msMedian is null, not a finite number/,
    ],
    [
      'negative bytes',
      (d) => ({ ...d, rows: [row('dense', 64, { peakBytes: -1 })] }),
      /peakBytes is -1/,
    ],
    ['no flops', (d) => ({ ...d, rows: [row('dense', 64, { flops: undefined })] }), /flops is/],
    [
      'relError a string',
      (d) => ({ ...d, rows: [row('dense', 64, { relError: '0' })] }),
      /relError is "0"/,
    ],
    [
      'min above median',
      (d) => ({ ...d, rows: [row('dense', 64, { msMin: 2.5 })] }),
      /ms not ordered: min 2.5, median 2, max 3/,
    ],
    ['a zero time', (d) => ({ ...d, rows: [row('dense', 64, { msMedian: 0, msMin: 0 })] }), /0/],
    ['a row twice', (d) => ({ ...d, rows: [row('dense', 64), row('dense', 64)] }), /twice/],
    ['no variant', (d) => ({ ...d, rows: [row('', 64)] }), /rows\[0\] has no variant/],
    ['n = 0', (d) => ({ ...d, rows: [row('dense', 0)] }), /rows\[0\] has no valid n/],
    [
      'refused without a reason',
      (d) => ({ ...d, rows: [{ variant: 'dense', n: 64, refused: '' }] }),
      /refused without reason/,
    ],
    ['no backend', (d) => ({ ...d, provenance: { adapter: null } }), /provenance\.backend missing/],
    ['no adapter', (d) => ({ ...d, provenance: { backend: 'webgpu' } }), /provenance\.adapter/],
  ];
  for (const [what, breakIt, message] of broken) {
    it(`rejects ${what}`, () => {
      expect(() => validateLabDoc(breakIt(goodDoc()))).toThrow(message);
    });
  }

  it('checks the rows and backend against what was asked for', () => {
    const missing = { ...goodDoc(), rows: goodDoc().rows.slice(0, 3) };
    expect(() => validateLabDoc(missing, expectation)).toThrow(/no row for flash n=128/);
    const extra = { ...goodDoc(), rows: [...goodDoc().rows, row('linear', 64)] };
    expect(() => validateLabDoc(extra, expectation)).toThrow(/rows not asked for: linear@64/);
    const fellBack = { ...goodDoc(), provenance: { backend: 'webgl', adapter: null } };
    expect(() => validateLabDoc(fellBack, expectation)).toThrow(
      /ran on webgl, not on webgpu as asked/,
    );
  });
});

describe('toSweepRows', () => {
  it("turns the lab's rows into the engine's, so the Node bench's checks apply unchanged", () => {
    const ns = [64, 128, 256];
    const rows = toSweepRows([
      ...ns.map((n) => row('dense', n, { msMedian: n * n * 1e-4, msMin: 0, msMax: 99 })),
      { variant: 'flash', n: 64, refused: 'no' },
    ]);
    expect(rows[0]).toMatchObject({
      analyticFlops: 4 * 64 * 64 * 32,
      msAll: [],
      peakBytes: 64 ** 2 * 4,
    });
    expect(rows[3]).toEqual({ variant: 'flash', n: 64, refused: 'no' });
    expect(rows[0]).not.toHaveProperty('kernelMs');
    const timed = toSweepRows([
      row('dense', 64, { kernelMs: 1.5 }),
      row('dense', 128, { kernelMs: null }),
    ]);
    expect(timed[0]).toMatchObject({ kernelMs: 1.5 });
    expect(timed[1]).not.toHaveProperty('kernelMs');
    const { checks } = benchChecks(rows, ['dense', 'flash'], fitRangeFor(ns));
    const dense = checks.find((c) => c.name === 'dense fitted exponent');
    expect(dense).toMatchObject({ status: 'pass' });
    expect(dense?.measured).toBeCloseTo(2, 6);
  });
});

const plan = (argv: string[]): BrowserBenchPlan =>
  browserPlan(argv, (v, defaults) => sweepConfig(v, defaults).config);

describe('browserPlan', () => {
  it("defaults to the Node bench's set on webgpu, with its own output file", () => {
    const p = plan(['--browser']);
    expect(p.run).toMatchObject({ ns: [256, 512, 1024, 2048, 4096], d: 64, heads: 1, repeats: 5 });
    expect(p.run.variants.length).toBeGreaterThanOrEqual(10);
    expect(p).toMatchObject({
      backend: 'webgpu',
      output: 'bench-results/bench-browser-webgpu.json',
      outputGiven: false,
      precompute: false,
      strict: false,
      timeoutMs: 3_600_000,
      port: 0,
      dist: 'dist-bench',
    });
  });

  it('serves a given build folder on a given port', () => {
    expect(plan(['--browser', '--port', '4291', '--dist', 'dist-perf'])).toMatchObject({
      port: 4291,
      dist: 'dist-perf',
    });
  });

  it('takes the lab flags', () => {
    const p = plan([
      '--browser',
      '--variants',
      'dense,linear',
      '--n',
      '64,128',
      '--d',
      '32',
      '--repeats',
      '2',
      '--causal',
      '--backend',
      'wasm',
      '--timeout',
      '60',
      '--output',
      'x.json',
    ]);
    expect(p.run).toMatchObject({
      variants: ['dense', 'linear'],
      ns: [64, 128],
      d: 32,
      causal: true,
    });
    expect(p).toMatchObject({
      backend: 'wasm',
      output: 'x.json',
      outputGiven: true,
      timeoutMs: 60_000,
    });
  });

  it('--precompute: the default lab set into public/precomputed', () => {
    const p = plan(['--precompute']);
    expect(p.run).toMatchObject({
      variants: [
        'dense',
        'flash',
        'fused',
        'window',
        'linformer',
        'performer',
        'linear',
        'nystrom',
      ],
      ns: [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384],
      d: 64,
      repeats: 3,
    });
    expect(p).toMatchObject({ output: PRECOMPUTE_OUTPUT, precompute: true, backend: 'webgpu' });
    expect(plan(['--precompute', '--n', '64,128']).run.ns).toEqual([64, 128]);
  });

  it('asks for every power of two between the smallest and largest n, as the lab runs them', () => {
    const p = plan(['--browser', '--n', '256,64']);
    expect(p.run.ns).toEqual([64, 128, 256]);
    expect(p.config.ns).toEqual([64, 128, 256]);
    expect(p.notes).toEqual([expect.stringMatching(/n = 64, 128, 256$/)]);
    expect(plan(['--browser', '--n', '64,128']).notes).toEqual([]);
  });

  const bad: [string[], RegExp][] = [
    [['--browser', '--warmup', '2'], /unknown flag --warmup/],
    [['--browser', '--backend', 'metal'], /--backend must be one of webgpu, webgl, wasm, cpu/],
    [['--browser', '--n', '100'], /power of two in \[16, 16384\], got 100/],
    [['--browser', '--n', '32768'], /--n must be in \[16, 16384\], got 32768/],
    [['--browser', '--d', '512'], /--d must be in \[1, 256\]/],
    [['--browser', '--repeats', '51'], /--repeats must be in \[1, 50\]/],
    [['--browser', '--variants', 'nope'], /unknown variant "nope"/],
    [['--browser', '--timeout', '0'], /--timeout must be a positive integer/],
    [['--precompute', '--output', 'x.json'], /--precompute writes public\/precomputed/],
    [['--precompute', '--backend', 'wasm'], /--precompute measures on webgpu/],
    [['--browser', 'extra'], /unexpected argument "extra"/],
    [['--browser', '--port', '70000'], /--port must be in \[1, 65535\]/],
    [['--browser', '--dist', '../elsewhere'], /--dist must name a new folder inside the project/],
    [['--browser', '--dist', '/tmp/x'], /--dist must name a new folder inside the project/],
    [['--browser', '--dist', 'src'], /project's own folder src\//],
    [['--browser', '--dist', 'node_modules'], /project's own folder node_modules\//],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${argv.join(' ')}`, () => {
      expect(() => plan(argv)).toThrow(CliError);
      expect(() => plan(argv)).toThrow(message);
    });
  }
});

describe('bench --browser through main()', () => {
  it('bad flags exit 2 with one line, before any build, server or browser', async () => {
    const dir = scratchDir();
    const output = join(dir, 'never.json');
    const started = performance.now();
    const r = await run(['bench', '--browser', '--n', '100', '--output', output]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toEqual([expect.stringMatching(/^error: --n with --browser: .*got 100$/)]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(existsSync(output)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
    const noFolder = await run(['bench', '--browser', '--output', join(dir, 'no/such/x.json')]);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toEqual([expect.stringMatching(/^error: cannot write output file/)]);
  });

  it('the Node bench still refuses the browser-only flags', async () => {
    const r = await run(['bench', '--heads', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([expect.stringMatching(/unknown flag --heads/)]);
  });

  it('launches Chromium with the flags WebGPU on SwiftShader needs', () => {
    expect(CHROMIUM_ARGS).toContain('--enable-unsafe-webgpu');
    expect(CHROMIUM_ARGS).toContain('--no-sandbox');
  });
});
