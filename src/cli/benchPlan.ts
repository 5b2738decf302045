import { max, min } from '../core/stats';
import type { SweepConfig } from '../engine/sweep';
import { SWEEP_LIMITS } from '../worker/sweepProtocol';
import { parseFlags, positiveInt, str, type Values } from './args';
import { checkDistFolder, DEFAULT_DIST } from './distFolder';
import { CliError } from './errors';

/**
 * The pure half of `npm run bench -- --browser`: flags → a checked plan, and the lab's URL for
 * it. No processes, no browser, no tfjs (unit-tested in browserBench.test.ts).
 */

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The backends the page can be asked for (`?backend=`); webgpu is the page's own first choice. */
export const PAGE_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type PageBackend = (typeof PAGE_BACKENDS)[number];

/**
 * The reference run the lab shows before a visitor's first run (written by --precompute). It
 * reaches n = 16384 so that the exponents show over per-call overhead; quadratic variants stop
 * earlier (PRECOMPUTE_MAX_N) so that the run fits in well under an hour on a software GPU.
 */
export const PRECOMPUTE_DEFAULTS = {
  variants: ['dense', 'flash', 'fused', 'window', 'linformer', 'performer', 'linear', 'nystrom'],
  ns: [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384],
  d: 64,
  repeats: 3,
} as const;

/**
 * Largest n each quadratic variant runs at in the reference run, and why: the rows above it
 * are written as refused with this reason, never left out.
 */
export const PRECOMPUTE_MAX_N: Readonly<Record<string, { n: number; why: string }>> = {
  dense: {
    n: 4096,
    why: 'one point at n = 4096 already takes about 8 minutes on this software GPU (its n × n scores leave the caches), and each doubling is four times that or more',
  },
  flash: {
    n: 4096,
    why: 'kept to the largest n dense runs at, where the three exact variants are compared (composed flash takes about 26 s per call there)',
  },
  fused: {
    n: 4096,
    why: 'kept to the largest n dense runs at, where the two are compared',
  },
};

/** One lab run of the reference run: the variants that run at every one of these n. */
export interface PrecomputeStage {
  variants: string[];
  ns: number[];
}

/**
 * Split variants × ns into lab runs (consecutive n with the same variants run together), and
 * the points left out with the reason each is left out.
 */
export function precomputeStages(
  variants: readonly string[],
  ns: readonly number[],
  maxN: Readonly<Record<string, { n: number; why: string }>> = PRECOMPUTE_MAX_N,
): { stages: PrecomputeStage[]; skipped: { variant: string; n: number; refused: string }[] } {
  const stages: PrecomputeStage[] = [];
  const skipped: { variant: string; n: number; refused: string }[] = [];
  for (const n of [...ns].sort((a, b) => a - b)) {
    const runs = variants.filter((v) => maxN[v] === undefined || n <= maxN[v].n);
    for (const v of variants) {
      const cap = maxN[v];
      if (cap && n > cap.n) {
        skipped.push({
          variant: v,
          n,
          refused: `not run in the reference run, which stops ${v} at n = ${cap.n}: ${cap.why}`,
        });
      }
    }
    if (runs.length === 0) continue;
    const last = stages[stages.length - 1];
    if (last && last.variants.join() === runs.join()) last.ns.push(n);
    else stages.push({ variants: runs, ns: [n] });
  }
  return { stages, skipped };
}
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
  port: { type: 'string' },
  dist: { type: 'string' },
} as const;

export const BROWSER_USAGE =
  'bench --browser [--backend webgpu|webgl|wasm|cpu] [--variants ID,…] [--n 256,…,4096] [--d 64] [--heads 1] [--repeats 5] [--causal] [--input-kind K] [--seed 1] [--fit-min-n N] [--timeout SECONDS] [--output FILE] [--port N] [--dist DIR] [--strict]   |   bench --precompute';

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
  /** Past timeoutMs, cancel and keep the rows so far (the reference run) instead of failing. */
  keepPartial: boolean;
  /** Where `vite preview` listens (0: a free port) and the build folder it serves. */
  port: number;
  dist: string;
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
  // The lab runs every power of two from the smallest n to the largest (features/complexity/model/labConfig).
  const ns = powersOfTwoBetween(min(given.ns), max(given.ns));
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
  const port = str(v, 'port') === undefined ? 0 : positiveInt('port', str(v, 'port'), 0);
  if (port > 65535) throw new CliError(`--port must be ≤ 65535, got ${port}`);
  const dist = str(v, 'dist') ?? DEFAULT_DIST;
  checkDistFolder(dist);
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
    keepPartial: precompute,
    port,
    dist,
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
