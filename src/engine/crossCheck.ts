import * as tf from '@tensorflow/tfjs-core';
import type { HeadBlock } from '../core/headBlock';
import { generateInputs } from '../core/inputs';
import { maxAbsError, relativeError } from '../core/metrics';
import type { ParamValues } from '../core/params';
import { eventLoopTurn } from './eventLoopTurn';
import { prepareCall, RefusedError, runAttention } from './runAttention';
import { VARIANTS } from './variants';
import type { AttentionVariant } from './variants/types';

/**
 * Cross-check: run every registered variant on the active backend and on tfjs's 'cpu' backend
 * with the same seeded inputs, and compare the outputs. It proves the GPU kernels compute what
 * the cpu kernels compute; it says nothing about how well a variant approximates dense.
 */

/**
 * Max |active − cpu| allowed. Exact variants (dense, flash): 1e-4 — both backends compute in
 * float32 with different summation orders and exp implementations, and outputs are O(1).
 * Other variants: 1e-3 — random features, projections and pseudo-inverses amplify float32
 * rounding differences (e.g. Nyström's iterative pinv, Performer's exp of large features).
 */
export const TOLERANCE = { exact: 1e-4, approximate: 1e-3 } as const;

/**
 * Parameters shrunk to fit the small n of a cross-check (n = 64): the defaults (block 64,
 * w 128, globals 128, k 256 …) would make most variants dense at this size and test nothing.
 * Variants missing here run with their defaults.
 */
export const SMALL_N_PARAMS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  dense: {},
  flash: { block: 16 },
  fused: {},
  window: { w: 8 },
  bigbird: { block: 8, globals: 8, random: 1 },
  linformer: { k: 16 },
  performer: { m: 64 },
  linear: {},
  nystrom: { m: 8 },
  lsh: { buckets: 4, chunk: 8 },
  taylor: {},
};

export interface CrossCheckOptions {
  n: number;
  d: number;
  heads: number;
  seed: number;
  /** Also check the causal form of every variant that supports it. */
  causal: boolean;
}

export const DEFAULT_CROSS_CHECK: CrossCheckOptions = {
  n: 64,
  d: 16,
  heads: 2,
  seed: 1,
  causal: true,
};

export type CrossCheckStatus = 'pass' | 'fail' | 'skipped' | 'error';

export interface CrossCheckRow {
  variant: string;
  label: string;
  causal: boolean;
  exact: boolean;
  params: ParamValues;
  tolerance: number;
  status: CrossCheckStatus;
  /** True only for 'pass'. */
  ok: boolean;
  /** max |active − cpu|; null when skipped or errored. */
  maxAbsDiff: number | null;
  /** ‖active − cpu‖_F / ‖cpu‖_F; null when skipped or errored. */
  relDiff: number | null;
  /** Why the row was skipped, or the error it raised. */
  note: string | null;
}

export interface CrossCheckReport {
  backend: string;
  reference: 'cpu';
  options: CrossCheckOptions;
  rows: CrossCheckRow[];
  /** tf.memory().numTensors before and after the whole check: equal means no leak. */
  tensorsBefore: number;
  tensorsAfter: number;
  ms: number;
}

export interface CrossCheckProgress {
  backend: string;
  done: number;
  total: number;
  label: string;
}

export interface CrossCheckHooks {
  onProgress?: (p: CrossCheckProgress) => void;
  /** Checked between runs; an aborted check switches back and throws `signal.reason`. */
  signal?: AbortSignal;
}

interface Case {
  variant: AttentionVariant;
  causal: boolean;
  params: Readonly<Record<string, number>>;
  resolved: ParamValues;
  refusal: string | null;
}

function casesFor(opts: CrossCheckOptions): Case[] {
  const cases: Case[] = [];
  for (const variant of VARIANTS) {
    const params = SMALL_N_PARAMS[variant.id] ?? {};
    const modes = opts.causal && variant.supportsCausal ? [false, true] : [false];
    for (const causal of modes) {
      const shape = { heads: opts.heads, n: opts.n, d: opts.d, dv: opts.d, causal };
      try {
        const call = prepareCall(variant.id, shape, params);
        cases.push({ variant, causal, params, resolved: call.params, refusal: null });
      } catch (err) {
        if (!(err instanceof RefusedError)) throw err;
        cases.push({ variant, causal, params, resolved: { ...params }, refusal: err.message });
      }
    }
  }
  return cases;
}

type Outcome = HeadBlock<Float32Array> | Error | null;

/** Run every case on the current backend, reading results with `await data()` only. */
async function runAll(
  cases: Case[],
  opts: CrossCheckOptions,
  hooks: CrossCheckHooks,
  progress: { done: number; total: number },
): Promise<Outcome[]> {
  const inputs = generateInputs({ kind: 'gaussian', ...opts });
  const backend = tf.getBackend();
  const out: Outcome[] = [];
  for (const c of cases) {
    await eventLoopTurn();
    hooks.signal?.throwIfAborted();
    const label = `${c.variant.id}${c.causal ? ' (causal)' : ''} on ${backend}`;
    hooks.onProgress?.({ backend, done: progress.done, total: progress.total, label });
    if (c.refusal) {
      out.push(null);
    } else {
      try {
        // A backend-specific exact kernel (fused WGSL) is checked against dense elsewhere.
        const standIn =
          c.variant.backends && !c.variant.backends.includes(backend) && c.variant.exact;
        const req = standIn
          ? { variant: 'dense', inputs, causal: c.causal, params: {} }
          : { variant: c.variant.id, inputs, causal: c.causal, params: c.params };
        out.push((await runAttention({ ...req, seed: opts.seed })).output);
      } catch (err) {
        out.push(err instanceof Error ? err : new Error(String(err)));
      }
    }
    progress.done++;
  }
  return out;
}

const describeOutcome = (o: Outcome) => (o instanceof Error ? o.message : 'no output');

function compare(c: Case, backend: string, active: Outcome, cpu: Outcome): CrossCheckRow {
  const tolerance = c.variant.exact ? TOLERANCE.exact : TOLERANCE.approximate;
  const base = {
    variant: c.variant.id,
    label: c.variant.label,
    causal: c.causal,
    exact: c.variant.exact,
    params: c.resolved,
    tolerance,
  };
  const none = { ok: false, maxAbsDiff: null, relDiff: null };
  if (c.refusal) return { ...base, ...none, status: 'skipped', note: c.refusal };
  if (!active || active instanceof Error) {
    return { ...base, ...none, status: 'error', note: `${backend}: ${describeOutcome(active)}` };
  }
  if (!cpu || cpu instanceof Error) {
    return { ...base, ...none, status: 'error', note: `cpu: ${describeOutcome(cpu)}` };
  }
  const maxAbsDiff = maxAbsError(active, cpu);
  const relDiff = relativeError(active, cpu);
  const ok = Number.isFinite(maxAbsDiff) && Number.isFinite(relDiff) && maxAbsDiff <= tolerance;
  return { ...base, ok, maxAbsDiff, relDiff, status: ok ? 'pass' : 'fail', note: null };
}

/**
 * Run every variant on the active backend, then on 'cpu', then switch back to the active one.
 * Every tensor is disposed; the report carries the tensor count before and after.
 */
export async function crossCheck(
  opts: CrossCheckOptions = DEFAULT_CROSS_CHECK,
  hooks: CrossCheckHooks = {},
): Promise<CrossCheckReport> {
  const start = performance.now();
  const tensorsBefore = tf.memory().numTensors;
  const backend = tf.getBackend();
  const cases = casesFor(opts);
  const progress = { done: 0, total: 2 * cases.length };
  let onActive: Outcome[];
  let onCpu: Outcome[];
  try {
    onActive = await runAll(cases, opts, hooks, progress);
    if (backend !== 'cpu') await tf.setBackend('cpu');
    onCpu = await runAll(cases, opts, hooks, progress);
  } finally {
    if (tf.getBackend() !== backend) await tf.setBackend(backend);
  }
  const rows = cases.map((c, i) => compare(c, backend, onActive[i], onCpu[i]));
  hooks.onProgress?.({ backend, done: progress.total, total: progress.total, label: 'done' });
  return {
    backend,
    reference: 'cpu',
    options: { ...opts },
    rows,
    tensorsBefore,
    tensorsAfter: tf.memory().numTensors,
    ms: performance.now() - start,
  };
}
