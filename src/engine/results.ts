import type { ExponentFit } from '../core/fit';
import type { AttentionInputs } from '../core/headBlock';
import type { InputKind } from '../core/inputs';
import type { OwnKernel } from '../core/userKernel/ownKernel';
import type { DeviceLimits } from '../core/variantSpec';

/**
 * The engine's results as plain data: sweep configs, rows, fits and progress. No tfjs here, so
 * the page (charts, tables, files) can import it without pulling the engine into its chunks;
 * `sweep.ts` runs sweeps and re-exports these.
 */

/** A file of Q, K, V the user loaded: what the results record of it (never its numbers). */
export interface InputFileInfo {
  name: string;
  /** q's shape as the file holds it: (n, d), (heads, n, d) or (1, heads, n, d). */
  shape: number[];
  dtype: 'float32' | 'float64';
  /** SHA-256 of the file's bytes, 64 lowercase hex digits. */
  sha256: string;
}

export interface SweepConfig {
  variants: readonly string[];
  /** Sequence lengths: distinct positive integers, run in the order given. */
  ns: readonly number[];
  d: number;
  /** Width of V and the output (default d). */
  dv?: number;
  heads: number;
  causal: boolean;
  inputKind: InputKind;
  /** σ, B or sharpness of the inputs (core/inputs; default 1). */
  scale?: number;
  /** Seeds the inputs and the variants' random projections, features and hashes. */
  seed: number;
  /** Untimed runs before timing, ≥ 1 (default 1). */
  warmup?: number;
  repeats: number;
  /** Parameter overrides per variant id; defaults fill the rest. */
  params?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** A point whose largest tensor cannot fit these limits is refused, not attempted. */
  limits?: DeviceLimits;
  /** Smallest n in the fitted exponents (default: every n). */
  fitMinN?: number;
  /** Also read tf.time kernel ms (GPU timestamps on webgpu) from one more run per point. */
  kernelTime?: boolean;
  /**
   * Given Q, K, V instead of generated ones: each n takes the first n rows of every head (so
   * every n ≤ inputs' n; heads, d and dv must match). inputKind, seed and scale then do not
   * shape the inputs (the seed still seeds the variants).
   */
  inputs?: AttentionInputs;
  /** Where `inputs` came from, recorded in the provenance. */
  inputFile?: InputFileInfo;
  /**
   * The researcher's own kernel (webgpu only): swept under its name wherever `variants` lists
   * it, and recorded whole in the provenance so a result file reproduces it.
   */
  ownKernel?: OwnKernel;
}

/** 'dense': the engine's dense output; 'float64': core's reference (dense refused); null: none. */
export type ErrorReference = 'dense' | 'float64' | null;

export interface MeasuredRow {
  variant: string;
  n: number;
  refused?: undefined;
  msMedian: number;
  msMin: number;
  msMax: number;
  msAll: number[];
  kernelMs?: number | null;
  /** Measured tfjs tensor accounting (PEAK_BYTES_DEFINITION in engine/measure). */
  peakBytes: number;
  /** Analytic, from the variant spec's cost(). */
  analyticBytes: number;
  analyticFlops: number;
  relError: number | null;
  maxAbsError: number | null;
  errorReference: ErrorReference;
  /** Wall-clock ms of the whole point: inputs' share, warm-up, timed calls, error check. */
  wallMs?: number;
}

/** A point not run: spec refusal (e.g. m ∤ n), causal unsupported, or beyond device limits. */
export interface RefusedRow {
  variant: string;
  n: number;
  refused: string;
}

export type SweepRow = MeasuredRow | RefusedRow;
export const isMeasured = (row: SweepRow): row is MeasuredRow => row.refused === undefined;

export interface SweepFit extends ExponentFit {
  variant: string;
}

export interface SweepProgress {
  /** 'start' before a point runs; 'done' after it, with its row. */
  phase: 'start' | 'done';
  variant: string;
  n: number;
  /** 1-based index of the point among all `total` (variant, n) points. */
  step: number;
  total: number;
  row?: SweepRow;
}

export { reportProvenance } from './reportProvenance';
export { sweepCsv } from './sweepCsv';
