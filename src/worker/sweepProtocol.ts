import { type Fields, isIntIn, isObject } from '../core/fieldChecks';
import type { HeadBlock } from '../core/headBlock';
import { INPUT_KINDS, type InputKind } from '../core/inputs';
import { isPow2 } from '../core/pow2';
import { SEED_RANGE } from '../core/rng';
import { VARIANT_IDS } from '../core/variantSpecs';
import type { AdapterReport } from '../engine/backend';
import type { InputFileInfo } from '../engine/results';
import type { SweepFit, SweepProgress, SweepRow } from '../engine/sweep';

export type { InputFileInfo };

/**
 * The sweep jobs' messages (pure: type-only imports from engine/). `sweep` runs variants × n;
 * `paramSweep` runs one variant at one n over a list of values of one of its parameters.
 * Both stream one `sweepProgress` before and after each point, and end with their result,
 * which carries the rows measured so far and an `error` when the sweep stopped on a failure
 * (out of memory, device lost): measured points are never thrown away.
 */

/** Bounds the worker accepts (n down to 16 for tests; the page offers 64 … 16384). */
export const SWEEP_LIMITS = {
  n: [16, 16384],
  d: [1, 256],
  heads: [1, 16],
  repeats: [1, 50],
  seed: SEED_RANGE,
  points: 400,
  paramValues: 32,
} as const;

/** Q, K, V sent with a request (float32 head blocks); each n of the sweep takes a prefix. */
export interface SweepInputs {
  q: HeadBlock<Float32Array>;
  k: HeadBlock<Float32Array>;
  v: HeadBlock<Float32Array>;
}

/** What the page sends; the worker adds the device limits. */
export interface SweepJobConfig {
  variants: string[];
  ns: number[];
  d: number;
  heads: number;
  causal: boolean;
  inputKind: InputKind;
  seed: number;
  repeats: number;
  params?: Record<string, Record<string, number>>;
  /** Set when the request carries `inputs` from this file (inputKind is then not used). */
  inputFile?: InputFileInfo;
}

export interface SweepRequest {
  type: 'sweep';
  id: number;
  config: SweepJobConfig;
  /** The user's Q, K, V (with config.inputFile); absent: generated from inputKind and seed. */
  inputs?: SweepInputs;
}

export interface ParamSweepRequest {
  type: 'paramSweep';
  id: number;
  /** Exactly one variant and one n. */
  config: SweepJobConfig;
  param: string;
  values: number[];
  inputs?: SweepInputs;
}

/** Where a browser result was produced, beside what the engine's sweep records. */
export interface BrowserProvenance extends Record<string, unknown> {
  backend: string;
  adapter: AdapterReport | null;
  userAgent: string;
  tfjsVersion: string;
  appVersion: string;
  d: number;
  heads: number;
  seed: number;
  repeats: number;
  date: string;
}

export type SweepProgressInfo = SweepProgress & {
  /** The parameter value of this point (paramSweep only). */
  value?: number;
};

export interface SweepProgressResponse extends SweepProgressInfo {
  type: 'sweepProgress';
  id: number;
}

export interface SweepOutcome {
  rows: SweepRow[];
  fits: SweepFit[];
  provenance: BrowserProvenance;
  cancelled: boolean;
  /** Why the sweep stopped early (rows hold what was measured before). */
  error?: string;
  /** Live tfjs tensors before and after the job (equal: nothing leaked). */
  tensors: { before: number; after: number };
}

export interface SweepResultResponse extends SweepOutcome {
  type: 'sweepResult';
  id: number;
}

export interface ParamPoint {
  value: number;
  row: SweepRow;
}

export interface ParamSweepOutcome {
  variant: string;
  param: string;
  n: number;
  points: ParamPoint[];
  provenance: BrowserProvenance;
  cancelled: boolean;
  error?: string;
  tensors: { before: number; after: number };
}

export interface ParamSweepResultResponse extends ParamSweepOutcome {
  type: 'paramSweepResult';
  id: number;
}

function checkInts(c: Fields): string | null {
  for (const key of ['d', 'heads', 'repeats', 'seed'] as const) {
    const range = SWEEP_LIMITS[key];
    if (!isIntIn(c[key], range)) {
      return `${key} must be an integer in [${range[0]}, ${range[1]}], got ${String(c[key])}`;
    }
  }
  return null;
}

function checkParams(c: Fields): string | null {
  if (c.params === undefined) return null;
  if (!isObject(c.params)) return 'params must be an object of variant → {name: number}';
  for (const [variant, values] of Object.entries(c.params)) {
    if (!(c.variants as string[]).includes(variant)) {
      return `params given for ${variant}, which is not in the sweep`;
    }
    if (!isObject(values)) return `params of ${variant} must be an object of numbers`;
    for (const [name, v] of Object.entries(values)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        return `parameter ${variant}.${name} must be a finite number, got ${String(v)}`;
      }
    }
  }
  return null;
}

/** Why a sweep config is invalid, or null. Engine checks (param ranges…) come later. */
export function checkSweepJobConfig(c: unknown): string | null {
  if (!isObject(c)) return 'config must be an object';
  const { variants, ns } = c;
  if (!Array.isArray(variants) || variants.length === 0) {
    return 'variants must be a non-empty list';
  }
  for (const v of variants) {
    if (typeof v !== 'string' || !VARIANT_IDS.includes(v)) {
      return `unknown variant ${JSON.stringify(v)} (valid: ${VARIANT_IDS.join(', ')})`;
    }
  }
  if (new Set(variants).size !== variants.length) return 'variants must not repeat';
  if (!Array.isArray(ns) || ns.length === 0) return 'ns must be a non-empty list';
  for (const n of ns) {
    if (!isIntIn(n, SWEEP_LIMITS.n) || !isPow2(n as number)) {
      return `each n must be a power of two in [${SWEEP_LIMITS.n[0]}, ${SWEEP_LIMITS.n[1]}], got ${String(n)}`;
    }
  }
  if (new Set(ns).size !== ns.length) return 'ns must not repeat';
  if (variants.length * ns.length > SWEEP_LIMITS.points) {
    return `at most ${SWEEP_LIMITS.points} points per sweep, got ${variants.length * ns.length}`;
  }
  const ints = checkInts(c);
  if (ints) return ints;
  if (typeof c.causal !== 'boolean') return 'causal must be true or false';
  if (
    typeof c.inputKind !== 'string' ||
    !(INPUT_KINDS as readonly string[]).includes(c.inputKind)
  ) {
    return `inputKind must be one of ${INPUT_KINDS.join(', ')}, got ${String(c.inputKind)}`;
  }
  return checkParams(c);
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
const INPUT_NAME_CHARS = 200;

function checkInputFile(f: unknown): string | null {
  if (!isObject(f)) return 'config.inputFile must be an object';
  if (typeof f.name !== 'string' || f.name === '' || f.name.length > INPUT_NAME_CHARS) {
    return `config.inputFile.name must be a string of 1 to ${INPUT_NAME_CHARS} characters`;
  }
  const { shape } = f;
  if (
    !Array.isArray(shape) ||
    shape.length < 1 ||
    shape.length > 4 ||
    !shape.every((x) => Number.isSafeInteger(x) && x >= 1)
  ) {
    return 'config.inputFile.shape must be 1 to 4 positive integers';
  }
  if (f.dtype !== 'float32' && f.dtype !== 'float64') {
    return `config.inputFile.dtype must be float32 or float64, got ${String(f.dtype)}`;
  }
  if (typeof f.sha256 !== 'string' || !SHA256_HEX.test(f.sha256)) {
    return 'config.inputFile.sha256 must be 64 lowercase hex digits';
  }
  return null;
}

function checkBlock(key: string, b: unknown, heads: number, width: number | null): string | null {
  const at = `inputs.${key}`;
  if (!isObject(b)) return `${at} must be a head block {heads, n, width, data}`;
  if (b.heads !== heads)
    return `${at}.heads must equal config.heads (${heads}), got ${String(b.heads)}`;
  if (!isIntIn(b.n, SWEEP_LIMITS.n)) {
    return `${at}.n must be an integer in [${SWEEP_LIMITS.n[0]}, ${SWEEP_LIMITS.n[1]}], got ${String(b.n)}`;
  }
  if (width !== null && b.width !== width) {
    return `${at}.width must equal config.d (${width}), got ${String(b.width)}`;
  }
  if (!isIntIn(b.width, SWEEP_LIMITS.d)) {
    return `${at}.width must be an integer in [${SWEEP_LIMITS.d[0]}, ${SWEEP_LIMITS.d[1]}], got ${String(b.width)}`;
  }
  if (!(b.data instanceof Float32Array)) return `${at}.data must be a Float32Array`;
  const want = heads * (b.n as number) * (b.width as number);
  if (b.data.length !== want) {
    return `${at}.data has ${b.data.length} numbers, expected heads × n × width = ${want}`;
  }
  if (!b.data.every(Number.isFinite)) return `${at}.data holds a value that is not finite`;
  return null;
}

/** Why a request's own inputs (and config.inputFile) are invalid, or null; absent is valid. */
export function checkSweepInputs(m: Fields): string | null {
  const c = m.config as SweepJobConfig;
  const file = (c as unknown as Fields).inputFile;
  if (m.inputs === undefined) {
    return file === undefined ? null : 'config.inputFile is set but the request has no inputs';
  }
  if (file === undefined) return 'inputs given without config.inputFile';
  const fileProblem = checkInputFile(file);
  if (fileProblem) return fileProblem;
  const x = m.inputs;
  if (!isObject(x)) return 'inputs must be an object {q, k, v}';
  const problem =
    checkBlock('q', x.q, c.heads, c.d) ??
    checkBlock('k', x.k, c.heads, c.d) ??
    checkBlock('v', x.v, c.heads, null);
  if (problem) return problem;
  const [q, k, v] = [x.q, x.k, x.v] as SweepInputs[keyof SweepInputs][];
  if (k.n !== q.n || v.n !== q.n) {
    return `inputs.q, inputs.k, inputs.v must have the same n, got ${q.n}, ${k.n}, ${v.n}`;
  }
  const over = c.ns.find((n) => n > q.n);
  if (over !== undefined) return `config.ns has n = ${over}, more than the inputs' n = ${q.n}`;
  return null;
}

export function checkSweepRequest(m: Fields): string | null {
  return checkSweepJobConfig(m.config) ?? checkSweepInputs(m);
}

export function checkParamSweepRequest(m: Fields): string | null {
  const problem = checkSweepJobConfig(m.config) ?? checkSweepInputs(m);
  if (problem) return problem;
  const c = m.config as SweepJobConfig;
  if (c.variants.length !== 1 || c.ns.length !== 1) {
    return 'a parameter sweep takes exactly one variant and one n';
  }
  if (typeof m.param !== 'string' || m.param === '') return 'param must be a parameter name';
  const values = m.values;
  if (!Array.isArray(values) || values.length === 0) return 'values must be a non-empty list';
  if (values.length > SWEEP_LIMITS.paramValues) {
    return `at most ${SWEEP_LIMITS.paramValues} values, got ${values.length}`;
  }
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return 'values must be finite numbers';
  }
  if (new Set(values).size !== values.length) return 'values must not repeat';
  return null;
}
