import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MeasuredRow, SweepConfig, SweepRow } from '../engine/sweep';
import { SWEEP_LIMITS } from '../worker/sweepProtocol';
import { parseFlags, positiveInt, str, type Values } from './args';
import { CliError } from './errors';
import { checkOutputPath } from './output';

/**
 * `npm run bench -- --browser`: the benchmark as a visitor sees it. Builds the app when dist/ is
 * stale, serves it with `vite preview` on a free localhost port, opens the complexity lab in
 * headless Chromium (WebGPU on whatever GPU Chromium finds; SwiftShader on a machine without
 * one), clicks Run, waits for "Done", clicks "Download JSON" and checks and keeps that file.
 *
 * The first half of this module is pure (URL, flags, document checks) and unit-tested; the
 * second half drives the processes and the browser.
 */

// ---------------------------------------------------------------------------------------------
// Pure parts
// ---------------------------------------------------------------------------------------------

import { CHROMIUM_ARGS } from './chromiumArgs';

export { CHROMIUM_ARGS };

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The backends the page can be asked for (`?backend=`); webgpu is the page's own first choice. */
export const PAGE_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type PageBackend = (typeof PAGE_BACKENDS)[number];

/** The set the lab shows before a visitor's first run (written by --precompute). */
export const PRECOMPUTE_DEFAULTS = {
  variants: ['dense', 'flash', 'window', 'linformer', 'performer', 'linear', 'nystrom'],
  ns: [64, 128, 256, 512, 1024],
  d: 64,
  repeats: 3,
} as const;
export const PRECOMPUTE_OUTPUT = 'public/precomputed/complexity.json';

/** What the lab's hash parameters can say (its contract: screen=lab&variants=…&n=…). */
export interface LabRun {
  variants: readonly string[];
  ns: readonly number[];
  d: number;
  heads: number;
  repeats: number;
  causal: boolean;
  inputKind: string;
  seed: number;
}

/**
 * The lab's address for a run: `base` (the served root), `?backend=` only when another backend
 * than the page's default is wanted, then the hash the lab reads at load.
 */
export function labUrl(base: string, run: LabRun, backend: PageBackend = 'webgpu'): string {
  const url = new URL(base);
  if (backend !== 'webgpu') url.searchParams.set('backend', backend);
  const hash = [
    'screen=lab',
    `variants=${run.variants.join(',')}`,
    `n=${run.ns.join(',')}`,
    `d=${run.d}`,
    `heads=${run.heads}`,
    `repeats=${run.repeats}`,
    `causal=${run.causal ? 1 : 0}`,
    `input=${run.inputKind}`,
    `seed=${run.seed}`,
  ].join('&');
  url.hash = hash;
  return url.href;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes
const ANSI = /\x1b\[[0-9;]*m/g;

/** The address `vite preview` prints ("➜  Local:   http://127.0.0.1:4173/"), colours or not. */
export function parseServerUrl(output: string): string | null {
  const plain = output.replace(ANSI, '');
  const m = /Local:\s+(http:\/\/[^\s/]+(?::\d+)?\/\S*)/.exec(plain);
  return m ? m[1] : null;
}

/** True when dist/ must be (re)built: it has no index.html, or a source is newer than it. */
export function needsBuild(distTime: number | null, sourceTimes: readonly number[]): boolean {
  if (distTime === null) return true;
  return sourceTimes.some((t) => t > distTime);
}

/** A row of the lab's download: a measured point (every number finite) or a refused one. */
export interface LabRow {
  variant: string;
  n: number;
  refused?: string;
  params?: Record<string, number>;
  msMedian?: number;
  msMin?: number;
  msMax?: number;
  peakBytes?: number | null;
  analyticBytes?: number;
  /** The lab writes `flops`; the CLI's sweep writes `analyticFlops`. Either is accepted. */
  flops?: number;
  analyticFlops?: number;
  relError?: number | null;
  [key: string]: unknown;
}

export interface LabDoc {
  config: Record<string, unknown>;
  rows: LabRow[];
  fits: unknown[];
  provenance: { backend: string; adapter: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

export interface LabExpectation {
  variants: readonly string[];
  ns: readonly number[];
  backend?: string;
}

type Fields = Record<string, unknown>;
const isObject = (x: unknown): x is Fields =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Why one measured row is unusable, or null. Numbers must be finite and ordered. */
function rowProblem(r: Fields): string | null {
  for (const key of ['msMedian', 'msMin', 'msMax', 'analyticBytes', 'peakBytes'] as const) {
    if (!finite(r[key]) || (r[key] as number) < 0) {
      return `${key} is ${JSON.stringify(r[key])}, not a finite number ≥ 0`;
    }
  }
  const flops = r.flops ?? r.analyticFlops;
  if (!finite(flops) || flops < 0) {
    return `flops is ${JSON.stringify(flops)}, not a finite number ≥ 0`;
  }
  if (r.relError !== null && !(finite(r.relError) && r.relError >= 0)) {
    return `relError is ${JSON.stringify(r.relError)}, neither null nor a finite number ≥ 0`;
  }
  const [lo, mid, hi] = [r.msMin, r.msMedian, r.msMax] as number[];
  if (!(lo <= mid && mid <= hi)) return `ms not ordered: min ${lo}, median ${mid}, max ${hi}`;
  if (!(mid > 0)) return 'msMedian is 0: the timer did not run';
  return null;
}

/**
 * Check the lab's "Download JSON" document: {config, rows, fits, provenance}, every measured
 * row finite, one row per requested (variant, n), provenance naming its backend and adapter.
 * Throws an Error naming the first problem; returns the document typed.
 */
export function validateLabDoc(x: unknown, expect?: LabExpectation): LabDoc {
  const fail = (why: string): never => {
    throw new Error(`the lab's JSON: ${why}`);
  };
  if (!isObject(x)) return fail('not a JSON object');
  for (const key of ['config', 'provenance'] as const) {
    if (!isObject(x[key])) fail(`"${key}" is missing or not an object`);
  }
  if (!Array.isArray(x.rows)) fail('"rows" is missing or not an array');
  if (!Array.isArray(x.fits)) fail('"fits" is missing or not an array');
  const rows = x.rows as unknown[];
  if (rows.length === 0) fail('"rows" is empty');
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    if (!isObject(r)) return fail(`rows[${i}] is not an object`);
    if (typeof r.variant !== 'string' || r.variant === '') fail(`rows[${i}] has no variant`);
    if (!Number.isSafeInteger(r.n) || (r.n as number) < 1) fail(`rows[${i}] has no valid n`);
    const at = `rows[${i}] (${r.variant} n=${r.n})`;
    const key = `${r.variant}@${r.n}`;
    if (seen.has(key)) fail(`${at} appears twice`);
    seen.add(key);
    if (r.refused !== undefined) {
      if (typeof r.refused !== 'string' || r.refused === '') fail(`${at}: refused without reason`);
      continue;
    }
    const problem = rowProblem(r);
    if (problem) fail(`${at}: ${problem}`);
  }
  const prov = x.provenance as Fields;
  if (typeof prov.backend !== 'string' || prov.backend === '') fail('provenance.backend missing');
  if (!('adapter' in prov)) fail('provenance.adapter missing');
  if (expect) {
    const missing = expect.variants.flatMap((v) =>
      expect.ns.filter((n) => !seen.has(`${v}@${n}`)).map((n) => `${v} n=${n}`),
    );
    if (missing.length > 0) fail(`no row for ${missing.slice(0, 4).join(', ')}`);
    const extra = [...seen].filter(
      (k) => !expect.variants.some((v) => expect.ns.some((n) => k === `${v}@${n}`)),
    );
    if (extra.length > 0) fail(`rows not asked for: ${extra.slice(0, 4).join(', ')}`);
    if (expect.backend !== undefined && prov.backend !== expect.backend) {
      fail(`ran on ${prov.backend}, not on ${expect.backend} as asked`);
    }
  }
  return x as unknown as LabDoc;
}

/** The lab's rows as the engine's SweepRows, for benchChecks and benchTable. */
export function toSweepRows(rows: readonly LabRow[]): SweepRow[] {
  return rows.map((r): SweepRow => {
    if (r.refused !== undefined) return { variant: r.variant, n: r.n, refused: r.refused };
    const row: MeasuredRow = {
      variant: r.variant,
      n: r.n,
      msMedian: r.msMedian as number,
      msMin: r.msMin as number,
      msMax: r.msMax as number,
      msAll: Array.isArray(r.msAll) ? (r.msAll as number[]) : [],
      peakBytes: r.peakBytes ?? 0,
      analyticBytes: r.analyticBytes as number,
      analyticFlops: (r.flops ?? r.analyticFlops) as number,
      relError: r.relError ?? null,
      maxAbsError: typeof r.maxAbsError === 'number' ? r.maxAbsError : null,
      errorReference: null,
    };
    return row;
  });
}

/** Flags of `bench --browser` (the lab has no warm-up flag: it warms up itself). */
export const BROWSER_OPTIONS = {
  browser: { type: 'boolean', default: false },
  precompute: { type: 'boolean', default: false },
  backend: { type: 'string' },
  variants: { type: 'string' },
  n: { type: 'string' },
  d: { type: 'string' },
  heads: { type: 'string' },
  repeats: { type: 'string' },
  causal: { type: 'boolean', default: false },
  'input-kind': { type: 'string' },
  seed: { type: 'string' },
  'fit-min-n': { type: 'string' },
  timeout: { type: 'string' },
  output: { type: 'string' },
  strict: { type: 'boolean', default: false },
} as const;

export const BROWSER_USAGE =
  'bench --browser [--backend webgpu|webgl|wasm|cpu] [--variants ID,…] [--n 256,…,4096] [--d 64] [--heads 1] [--repeats 5] [--causal] [--input-kind K] [--seed 1] [--fit-min-n N] [--timeout SECONDS] [--output FILE] [--strict]   |   bench --precompute';

export interface BrowserBenchPlan {
  run: LabRun;
  /** SweepConfig fields benchChecks needs. */
  config: SweepConfig;
  backend: PageBackend;
  output: string;
  /** False when `output` is a default path (its folder is then created). */
  outputGiven: boolean;
  precompute: boolean;
  /** What the run will do differently from the flags' letter (printed before it starts). */
  notes: string[];
  strict: boolean;
  timeoutMs: number;
}

/**
 * Flags → plan, every value checked (CliError → exit 2). `sweepConfig` is passed in (the CLI's
 * own, shared with the Node bench) so this module stays free of tfjs.
 */
export function browserPlan(
  argv: string[],
  checkConfig: (v: Values, defaults: { ns: number[]; repeats: number; d: number }) => SweepConfig,
): BrowserBenchPlan {
  const v = parseFlags('bench --browser', argv, { ...BROWSER_OPTIONS });
  const precompute = v.precompute === true;
  const backendText = str(v, 'backend') ?? 'webgpu';
  if (!(PAGE_BACKENDS as readonly string[]).includes(backendText)) {
    throw new CliError(
      `--backend must be one of ${PAGE_BACKENDS.join(', ')} with --browser, got "${backendText}"`,
    );
  }
  const backend = backendText as PageBackend;
  if (precompute && str(v, 'output') !== undefined) {
    throw new CliError(`--precompute writes ${PRECOMPUTE_OUTPUT}; leave out --output`);
  }
  if (precompute && backend !== 'webgpu') {
    throw new CliError('--precompute measures on webgpu; leave out --backend');
  }
  const defaults = precompute
    ? {
        ns: [...PRECOMPUTE_DEFAULTS.ns],
        repeats: PRECOMPUTE_DEFAULTS.repeats,
        d: PRECOMPUTE_DEFAULTS.d,
      }
    : { ns: [256, 512, 1024, 2048, 4096], repeats: 5, d: 64 };
  const withVariants =
    precompute && str(v, 'variants') === undefined
      ? { ...v, variants: PRECOMPUTE_DEFAULTS.variants.join(',') }
      : v;
  const given = checkConfig(withVariants, defaults);
  labLimits(given);
  // The lab runs every power of two from the smallest n to the largest (app/labConfig).
  const ns = powersOfTwoBetween(Math.min(...given.ns), Math.max(...given.ns));
  const config = { ...given, ns };
  const notes =
    ns.join(',') === given.ns.join(',')
      ? []
      : [
          `the lab runs every power of two from the smallest n to the largest: n = ${ns.join(', ')}`,
        ];
  const run: LabRun = {
    variants: config.variants,
    ns: config.ns,
    d: config.d,
    heads: config.heads,
    repeats: config.repeats,
    causal: config.causal,
    inputKind: config.inputKind,
    seed: config.seed,
  };
  const timeoutS = positiveInt('timeout', str(v, 'timeout'), 3600);
  return {
    run,
    config,
    backend,
    output: precompute
      ? PRECOMPUTE_OUTPUT
      : (str(v, 'output') ?? `bench-results/bench-browser-${backend}.json`),
    outputGiven: str(v, 'output') !== undefined,
    precompute,
    notes,
    strict: v.strict === true,
    timeoutMs: timeoutS * 1000,
  };
}

export function powersOfTwoBetween(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= hi; n *= 2) if (n >= lo) out.push(n);
  return out;
}

/** The lab accepts less than the CLI (worker/sweepProtocol's SWEEP_LIMITS): say so up front. */
function labLimits(c: SweepConfig): void {
  const [nLo, nHi] = SWEEP_LIMITS.n;
  for (const n of c.ns) {
    if (n < nLo || n > nHi || (n & (n - 1)) !== 0) {
      throw new CliError(
        `--n with --browser: each n must be a power of two in [${nLo}, ${nHi}], got ${n}`,
      );
    }
  }
  for (const key of ['d', 'heads', 'repeats'] as const) {
    const [lo, hi] = SWEEP_LIMITS[key];
    if (c[key] < lo || c[key] > hi) {
      throw new CliError(`--${key} with --browser must be in [${lo}, ${hi}], got ${c[key]}`);
    }
  }
  if (c.seed > SWEEP_LIMITS.seed[1]) {
    throw new CliError(`--seed with --browser must be ≤ ${SWEEP_LIMITS.seed[1]}, got ${c.seed}`);
  }
  const points = c.variants.length * c.ns.length;
  if (points > SWEEP_LIMITS.points) {
    throw new CliError(`the lab runs at most ${SWEEP_LIMITS.points} points, got ${points}`);
  }
}

/** "[7/12] linear, n = 128, step 8 of 12, about 2 s left": rows done, then the lab's own line. */
export function progressText(done: number, total: number, last: string | null): string {
  return `[${done}/${total}]${last ? ` ${last}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Processes and the browser
// ---------------------------------------------------------------------------------------------

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** Newest modification time under the given paths (files and folders, recursively). */
function newestTime(paths: readonly string[]): number[] {
  const times: number[] = [];
  const visit = (p: string) => {
    let s: ReturnType<typeof statSync>;
    try {
      s = statSync(p);
    } catch {
      return;
    }
    times.push(s.mtimeMs);
    if (s.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
  };
  for (const p of paths) visit(p);
  return times;
}

/** What a build reads: sources, page, static files, the config and the lockfile. */
const BUILD_INPUTS = ['src', 'index.html', 'public', 'vite.config.ts', 'package-lock.json'];

function distTime(): number | null {
  try {
    return statSync(join(ROOT, 'dist', 'index.html')).mtimeMs;
  } catch {
    return null;
  }
}

/** Run a child to completion; its output is kept and shown only when it fails. */
function runQuiet(args: string[], what: string): Promise<void> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout?.on('data', (b) => {
      log += b;
    });
    child.stderr?.on('data', (b) => {
      log += b;
    });
    child.on('error', failed);
    child.on('close', (code) => {
      if (code === 0) done();
      else {
        const tail = log.trim().split('\n').slice(-3).join(' | ');
        failed(new Error(`${what} failed (exit ${code}): ${tail}`));
      }
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const server = createServer();
    server.unref();
    server.on('error', failed);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

interface Preview {
  url: string;
  child: ChildProcess;
}

/** `vite preview` on a free port; resolves with its URL once it prints it. */
async function startPreview(): Promise<Preview> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((done, failed) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill();
      failed(new Error(`vite preview printed no URL within 30 s: ${log.trim().slice(-200)}`));
    }, 30_000);
    const onData = (b: Buffer) => {
      log += b;
      const url = parseServerUrl(log);
      if (url) {
        clearTimeout(timer);
        done({ url, child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (err) => {
      clearTimeout(timer);
      failed(err);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      failed(new Error(`vite preview exited (${code}): ${log.trim().slice(-200)}`));
    });
  });
}

function stopPreview(p: Preview): Promise<void> {
  if (p.child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => p.child.kill('SIGKILL'), 5000);
    p.child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    p.child.kill('SIGTERM');
  });
}

/** The first line of an error's message, without terminal colours (Playwright adds both). */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(ANSI, '').split('\n')[0].trim();
}

/** Wait until a button is enabled (Playwright's locator waits only for actions). */
async function expectEnabled(
  button: import('@playwright/test').Locator,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (await button.isDisabled()) {
    if (performance.now() > deadline) {
      throw new Error(`"Run" stayed disabled for ${timeoutMs / 1000} s (the engine did not start)`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Read what the lab shows now: status text, running or not, rows so far, the last row. */
interface PageState {
  status: string;
  running: boolean;
  /** Rows in the table (measured and refused). */
  rows: number;
  measured: number;
  /** The lab's progress line ("dense, n = 256, step 3 of 12, about 4 s left"). */
  progress: string | null;
}

export interface BrowserRunResult {
  doc: LabDoc;
  browserVersion: string;
  userAgent: string;
  consoleErrors: string[];
  url: string;
  seconds: number;
  built: boolean;
}

/**
 * Build if needed, serve, open the lab, click Run, wait for Done, download the JSON and check
 * it. Throws an Error (exit 1) when anything on the way fails.
 */
export async function runInBrowser(
  plan: BrowserBenchPlan,
  log: (line: string) => void,
): Promise<BrowserRunResult> {
  const started = performance.now();
  const built = needsBuild(distTime(), newestTime(BUILD_INPUTS.map((p) => join(ROOT, p))));
  if (built) {
    log('building the app (dist/ is missing or older than its sources) …');
    const t0 = performance.now();
    await runQuiet([VITE, 'build'], 'vite build');
    log(`built dist/ in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else log('dist/ is up to date (no build)');

  const preview = await startPreview();
  const { chromium } = await import('@playwright/test');
  const executablePath = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    try {
      browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
    } catch (err) {
      throw new Error(
        `cannot start Chromium at ${executablePath} (set CHROMIUM_PATH): ${firstLine(err)}`,
      );
    }
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    let crashed = false;
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('worker', (w) =>
      w.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(`worker: ${m.text()}`);
      }),
    );
    page.on('crash', () => {
      crashed = true;
    });
    const url = labUrl(preview.url, plan.run, plan.backend);
    log(`opening ${url}`);
    await page.goto(url);
    const runButton = page.getByRole('button', { name: 'Run', exact: true });
    await runButton.waitFor({ state: 'visible', timeout: 60_000 }).catch((err: unknown) => {
      throw new Error(`the page shows no "Run" button within 60 s (${firstLine(err)})`);
    });
    // The engine starts in the worker (shader compilation on a software GPU takes seconds).
    await expectEnabled(runButton, 120_000);
    const total = plan.run.variants.length * plan.run.ns.length;
    const status = page.getByTestId('run-status');
    const bar = page.getByRole('progressbar');
    const rows = page.getByRole('table', { name: 'Results' }).locator('tbody tr');
    const progressLine = page.getByTestId('run-progress');
    const readState = async (): Promise<PageState> => {
      const finished = await rows.evaluateAll(
        (trs) => trs.filter((tr) => !tr.classList.contains('refused')).length,
      );
      const all = await rows.count();
      const hasBar = (await bar.count()) > 0;
      const text = async (l: typeof status) =>
        (await l.count()) > 0 ? ((await l.first().textContent()) ?? '').trim() : '';
      return {
        status: await text(status),
        running: hasBar || (await runButton.isDisabled()),
        rows: all,
        measured: finished,
        progress: (await text(progressLine)) || null,
      };
    };
    const before = await readState();
    await runButton.click();
    const deadline = performance.now() + plan.timeoutMs;
    let sawRunning = false;
    let shown = '';
    let state = before;
    for (;;) {
      if (crashed) throw new Error('the page crashed during the run');
      state = await readState();
      sawRunning ||= state.running;
      const final = /^(Done|Cancelled|Failed)/.test(state.status);
      if (final && !state.running && (sawRunning || state.status !== before.status)) break;
      const line = progressText(state.rows, total, state.progress);
      if (line !== shown && state.running) {
        log(line);
        shown = line;
      }
      if (performance.now() > deadline) {
        throw new Error(
          `no "Done" within ${plan.timeoutMs / 1000} s (status "${state.status}", ${state.rows}/${total} rows; --timeout to wait longer)`,
        );
      }
      await page.waitForTimeout(1000);
    }
    if (!state.status.startsWith('Done')) {
      const extra = consoleErrors[0] ? `; ${consoleErrors[0]}` : '';
      throw new Error(`the lab's run ended "${state.status}"${extra}`);
    }
    log(`run done: ${state.status}`);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Download JSON', exact: true }).click({ timeout: 30_000 }),
    ]).catch((err: unknown) => {
      throw new Error(`"Download JSON" gave no file within 30 s (${firstLine(err)})`);
    });
    const path = await download.path();
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`the downloaded JSON does not parse: ${(err as Error).message}`);
    }
    const doc = validateLabDoc(parsed, {
      variants: plan.run.variants,
      ns: plan.run.ns,
      backend: plan.backend,
    });
    const userAgent = await page.evaluate(() => navigator.userAgent);
    return {
      doc,
      browserVersion: browser.version(),
      userAgent,
      consoleErrors,
      url: url.replace(preview.url, './'),
      seconds: (performance.now() - started) / 1000,
      built,
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await stopPreview(preview);
  }
}

/** Make the output folder for the default paths; check the target before any work. */
export function prepareOutput(plan: BrowserBenchPlan): void {
  if (!plan.outputGiven) mkdirSync(dirname(plan.output), { recursive: true });
  checkOutputPath(plan.output);
}
