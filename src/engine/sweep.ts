import * as tf from '@tensorflow/tfjs-core';
import { fitExponent } from '../core/fit';
import { type AttentionInputs, type HeadBlock, prefixInputs } from '../core/headBlock';
import { generateInputs, INPUT_KINDS } from '../core/inputs';
import { maxAbsError, relativeError } from '../core/metrics';
import { type ParamValues, resolveParams } from '../core/params';
import { keepAll, keepCausal, referenceAttention } from '../core/reference/dense';
import { min } from '../core/stats';
import { ownKernelProblem } from '../core/userKernel/ownKernel';
import {
  CancelledError,
  measureCall,
  PEAK_BYTES_DEFINITION,
  runOnce,
  TIMING_DEFINITION,
} from './measure';
import { OWN_KERNEL_TIMING, type OwnPoint, ownKernelMeasurer } from './ownKernelPoint';
import {
  type ErrorReference,
  isMeasured,
  type MeasuredRow,
  type SweepConfig,
  type SweepFit,
  type SweepProgress,
  type SweepRow,
} from './results';
import { prepareCall, RefusedError, shapeOf } from './runAttention';
import { toTensor } from './tensors';
import { getVariant } from './variants';

/**
 * A sweep over variants × n on the active backend: time, peak tensor bytes, analytic cost and
 * error against dense per point, and a fitted exponent per variant. Plain data in and out
 * (no tensors escape), so the web worker can run it as the CLI does.
 */

export {
  type ErrorReference,
  isMeasured,
  type MeasuredRow,
  type RefusedRow,
  type SweepConfig,
  type SweepFit,
  type SweepProgress,
  type SweepRow,
} from './results';

export interface SweepResult {
  /** One per (variant, n): config.variants order, then config.ns order. */
  rows: SweepRow[];
  fits: SweepFit[];
  provenance: ReturnType<typeof sweepProvenance>;
  /** True when shouldCancel stopped the sweep; rows then hold the finished points. */
  cancelled: boolean;
}

/** Largest n for which the float64 reference stands in when dense itself is refused. */
export const FLOAT64_REFERENCE_MAX_N = 2048;

const isPositiveInt = (x: number) => Number.isSafeInteger(x) && x >= 1;

/** Throws an Error naming the first problem with the request; returns effective params. */
export function checkSweepConfig(c: SweepConfig): Record<string, ParamValues> {
  if (c.variants.length === 0) throw new Error('no variants to sweep');
  if (c.ns.length === 0) throw new Error('no n to sweep');
  const dup = (xs: readonly (string | number)[]) => xs.find((x, i) => xs.indexOf(x) !== i);
  if (dup(c.variants) !== undefined) throw new Error(`variant ${dup(c.variants)} listed twice`);
  if (dup(c.ns) !== undefined) throw new Error(`n = ${dup(c.ns)} listed twice`);
  for (const n of c.ns)
    if (!isPositiveInt(n)) throw new Error(`n must be a positive integer, got ${n}`);
  for (const [name, x] of Object.entries({
    d: c.d,
    dv: c.dv ?? c.d,
    heads: c.heads,
    repeats: c.repeats,
    warmup: c.warmup ?? 1,
  })) {
    if (!isPositiveInt(x)) throw new Error(`${name} must be a positive integer, got ${x}`);
  }
  if (!Number.isSafeInteger(c.seed) || c.seed < 0)
    throw new Error(`seed must be an integer ≥ 0, got ${c.seed}`);
  if (!INPUT_KINDS.includes(c.inputKind)) {
    throw new Error(`unknown input kind "${c.inputKind}" (valid: ${INPUT_KINDS.join(', ')})`);
  }
  if (c.scale !== undefined && !(Number.isFinite(c.scale) && c.scale > 0)) {
    throw new Error(`input scale must be a positive number, got ${c.scale}`);
  }
  if (c.inputs) checkGivenInputs(c, c.inputs);
  const own = c.ownKernel;
  if (own) {
    const problem = ownKernelProblem(own);
    if (problem) throw new Error(`your own kernel: ${problem}`);
  }
  const builtIn = c.variants.filter((id) => id !== own?.name);
  const given = c.params ?? {};
  const params: Record<string, ParamValues> = {};
  for (const id of builtIn) getVariant(id); // throws, listing the valid ids
  for (const id of Object.keys(given)) {
    if (!builtIn.includes(id)) {
      throw new Error(`parameters given for ${id}, which is not in the sweep`);
    }
  }
  for (const id of builtIn) params[id] = resolveParams(id, getVariant(id).params, given[id]);
  return params;
}

function checkGivenInputs(c: SweepConfig, x: AttentionInputs): void {
  const { q, k, v } = x;
  const want = { heads: c.heads, d: c.d, dv: c.dv ?? c.d };
  const got = { heads: q.heads, d: q.width, dv: v.width };
  for (const key of ['heads', 'd', 'dv'] as const) {
    if (want[key] !== got[key]) {
      throw new Error(`the given inputs have ${key} = ${got[key]}, the config ${want[key]}`);
    }
  }
  if (k.heads !== q.heads || v.heads !== q.heads || k.width !== q.width) {
    throw new Error('the given q, k, v disagree on heads or d');
  }
  if (k.n !== q.n || v.n !== q.n) throw new Error('the given q, k, v disagree on n');
  const over = c.ns.find((n) => n > q.n);
  if (over !== undefined) throw new Error(`n = ${over} is more than the given inputs' n = ${q.n}`);
}

/** The inputs of one n: a prefix of the given ones, else generated from the config. */
export function inputsAt(c: SweepConfig, n: number): AttentionInputs {
  if (c.inputs) return prefixInputs(c.inputs, n);
  return generateInputs({
    kind: c.inputKind,
    heads: c.heads,
    n,
    d: c.d,
    dv: c.dv,
    seed: c.seed,
    scale: c.scale,
  });
}

function sweepProvenance(c: SweepConfig, params: Record<string, ParamValues>) {
  return {
    tfjsVersion: tf.version_core,
    backend: tf.getBackend(),
    date: new Date().toISOString(),
    seed: c.seed,
    warmup: c.warmup ?? 1,
    repeats: c.repeats,
    d: c.d,
    dv: c.dv ?? c.d,
    heads: c.heads,
    causal: c.causal,
    inputKind: c.inputKind,
    ...(c.inputFile ? { inputFile: { ...c.inputFile, shape: [...c.inputFile.shape] } } : {}),
    scale: c.scale ?? 1,
    ns: [...c.ns],
    variants: [...c.variants],
    params,
    fitMinN: c.fitMinN ?? min(c.ns),
    ...(c.ownKernel ? { ownKernel: { ...c.ownKernel }, ownKernelTiming: OWN_KERNEL_TIMING } : {}),
    timing: TIMING_DEFINITION,
    memory: PEAK_BYTES_DEFINITION,
    error:
      `relative Frobenius error and max abs error against the engine's dense output on the same ` +
      `inputs (errorReference "dense"); where dense is refused, the float64 reference for ` +
      `n ≤ ${FLOAT64_REFERENCE_MAX_N} ("float64"), else null` +
      (c.inputs
        ? `; dense itself, on the given inputs, against the float64 reference for n ≤ ${FLOAT64_REFERENCE_MAX_N}`
        : ''),
  };
}

/** Per-variant exponent of median ms in n over fitMinN ≤ n (refused points skipped). */
export function fitRows(
  rows: readonly SweepRow[],
  variants: readonly string[],
  nMin = 0,
): SweepFit[] {
  return variants.map((variant) => ({
    variant,
    ...fitExponent(
      rows
        .filter(isMeasured)
        .filter((r) => r.variant === variant)
        .map((r) => ({ n: r.n, ms: r.msMedian })),
      nMin,
    ),
  }));
}

type Tensors = [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
interface Reference {
  block: HeadBlock | null;
  kind: ErrorReference;
}

/** Dense output when dense is not swept (or was refused): engine dense, else float64, else none. */
async function fallbackReference(
  c: SweepConfig,
  x: AttentionInputs,
  t: Tensors,
  tryEngine: boolean,
): Promise<Reference> {
  const shape = shapeOf(x, c.causal);
  if (tryEngine) {
    try {
      const call = prepareCall('dense', shape, {}, c.limits);
      const block = await runOnce(call.variant, ...t, {
        causal: c.causal,
        params: call.params,
        seed: c.seed,
      });
      return { block, kind: 'dense' };
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
    }
  }
  if (shape.n > FLOAT64_REFERENCE_MAX_N) return { block: null, kind: null };
  return { block: referenceAttention(x, c.causal ? keepCausal : keepAll), kind: 'float64' };
}

/**
 * What dense itself is checked against: its own output (error 0) for generated inputs; for
 * given inputs the float64 reference (n ≤ FLOAT64_REFERENCE_MAX_N), so a user's file shows how
 * far the engine's dense lies from exact attention on those numbers.
 */
function denseReference(c: SweepConfig, x: AttentionInputs, output: HeadBlock): Reference {
  if (!c.inputs || x.q.n > FLOAT64_REFERENCE_MAX_N) return { block: output, kind: 'dense' };
  return { block: referenceAttention(x, c.causal ? keepCausal : keepAll), kind: 'float64' };
}

type OwnMeasure = ReturnType<typeof ownKernelMeasurer>;

/** The own kernel's point, with its error against the same reference as every other variant. */
async function ownPoint(
  c: SweepConfig,
  measure: OwnMeasure,
  x: AttentionInputs,
  ref: () => Promise<Reference>,
  shouldCancel?: () => boolean,
): Promise<{ row: SweepRow; output: HeadBlock | null }> {
  const opts = { causal: c.causal, warmup: c.warmup ?? 1, repeats: c.repeats, limits: c.limits };
  const p: OwnPoint = await measure(x, { ...opts, shouldCancel });
  if (p.output === null) return p;
  const reference = await ref();
  const row: MeasuredRow = {
    ...p.row,
    relError: reference.block ? relativeError(p.output, reference.block) : null,
    maxAbsError: reference.block ? maxAbsError(p.output, reference.block) : null,
    errorReference: reference.kind,
  };
  return { row, output: p.output };
}

async function measurePoint(
  c: SweepConfig,
  id: string,
  x: AttentionInputs,
  t: Tensors,
  ref: () => Promise<Reference>,
  shouldCancel?: () => boolean,
): Promise<{ row: SweepRow; output: HeadBlock | null }> {
  const shape = shapeOf(x, c.causal);
  let call: ReturnType<typeof prepareCall>;
  try {
    call = prepareCall(id, shape, c.params?.[id] ?? {}, c.limits);
  } catch (err) {
    if (!(err instanceof RefusedError)) throw err;
    return { row: { variant: id, n: shape.n, refused: err.message }, output: null };
  }
  const opts = { causal: c.causal, params: call.params, seed: c.seed };
  const m = await measureCall(call.variant, ...t, opts, {
    warmup: c.warmup ?? 1,
    repeats: c.repeats,
    kernelTime: c.kernelTime,
    shouldCancel,
  });
  const cost = call.variant.cost(shape, call.params);
  const reference = id === 'dense' ? denseReference(c, x, m.output) : await ref();
  const row: MeasuredRow = {
    variant: id,
    n: shape.n,
    msMedian: m.msMedian,
    msMin: m.msMin,
    msMax: m.msMax,
    msAll: m.msAll,
    ...(c.kernelTime ? { kernelMs: m.kernelMs } : {}),
    peakBytes: m.peakBytes ?? 0,
    analyticBytes: cost.bytes,
    analyticFlops: cost.flops,
    relError: reference.block ? relativeError(m.output, reference.block) : null,
    maxAbsError: reference.block ? maxAbsError(m.output, reference.block) : null,
    errorReference: reference.kind,
  };
  return { row, output: m.output };
}

/**
 * Run the sweep. Per n: one set of seeded inputs (or a prefix of the given ones); dense runs first when swept (its output is
 * the reference), else once untimed when another variant needs a reference.
 */
export async function runSweep(
  config: SweepConfig,
  onProgress?: (p: SweepProgress) => void,
  shouldCancel?: () => boolean,
): Promise<SweepResult> {
  const params = checkSweepConfig(config);
  const provenance = sweepProvenance(config, params);
  const order = [...config.variants].sort((a, b) => Number(b === 'dense') - Number(a === 'dense'));
  const total = config.variants.length * config.ns.length;
  const done = new Map<string, SweepRow>();
  const finish = (cancelled: boolean): SweepResult => {
    const rows = config.variants.flatMap((id) =>
      config.ns.flatMap((n) => done.get(`${id}@${n}`) ?? []),
    );
    return {
      rows,
      fits: fitRows(rows, config.variants, provenance.fitMinN),
      provenance,
      cancelled,
    };
  };
  const own = config.ownKernel ? ownKernelMeasurer(config.ownKernel) : null;
  let step = 0;
  for (const n of config.ns) {
    const x = inputsAt(config, n);
    const t: Tensors = [toTensor(x.q), toTensor(x.k), toTensor(x.v)]; // [heads, n, d|dv]
    try {
      let reference: Reference | null = null;
      const ref = async () => {
        reference ??= await fallbackReference(config, x, t, !config.variants.includes('dense'));
        return reference;
      };
      for (const id of order) {
        if (shouldCancel?.()) return finish(true);
        step++;
        onProgress?.({ phase: 'start', variant: id, n, step, total });
        const started = performance.now();
        const point =
          own && id === config.ownKernel?.name
            ? await ownPoint(config, own, x, ref, shouldCancel)
            : await measurePoint(config, id, x, t, ref, shouldCancel);
        const { output } = point;
        const row = isMeasured(point.row)
          ? { ...point.row, wallMs: Math.round((performance.now() - started) * 10) / 10 }
          : point.row;
        if (id === 'dense' && output) reference = { block: output, kind: 'dense' };
        done.set(`${id}@${n}`, row);
        onProgress?.({ phase: 'done', variant: id, n, step, total, row });
      }
    } catch (err) {
      if (err instanceof CancelledError) return finish(true);
      throw err;
    } finally {
      tf.dispose(t);
    }
  }
  return finish(false);
}
