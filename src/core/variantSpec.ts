import type { ParamSpec, ParamValues } from './params';

/** The sizes of one attention call. q, k: [heads, n, d]; v and the output: [heads, n, dv]. */
export interface AttentionShape {
  heads: number;
  n: number;
  d: number;
  dv: number;
  causal: boolean;
}

/** Analytic cost of one call, all heads, fp32. */
export interface CostEstimate {
  /** Floating-point operations; a multiply-add counts as 2. */
  flops: number;
  /** Bytes of the inputs, the output and the variant's intermediate working set. */
  bytes: number;
}

export type VariantFamily = 'exact' | 'sparse' | 'low-rank' | 'kernel' | 'hashing';

/**
 * Everything about a variant that needs no tensors: the UI, the CLI and the cost charts read
 * this without loading tfjs. The engine adds `run`.
 */
export interface VariantSpec {
  id: string;
  label: string;
  family: VariantFamily;
  /** True when the output equals dense attention up to floating-point rounding. */
  exact: boolean;
  supportsCausal: boolean;
  /** Complexity in symbols and in words, for legends and pickers. */
  complexity: { time: string; memory: string; words: string };
  /** Exponent of n in the time cost (2 for quadratic, 1 for linear; n log n counts as 1). */
  timeExponent: number;
  params: readonly ParamSpec[];
  /** Draws random features, projections, hashes or blocks from the call's seed. */
  seeded?: boolean;
  /** Backends the variant runs on (all when absent): custom WGSL kernels need webgpu. */
  backends?: readonly string[];
  cost(shape: AttentionShape, params: ParamValues): CostEstimate;
  /** Size of the largest single tensor the engine allocates for this call, in bytes. */
  largestTensorBytes(shape: AttentionShape, params: ParamValues): number;
  /** Why this shape and these parameters cannot run (besides device limits), or null. */
  refusal(shape: AttentionShape, params: ParamValues): string | null;
}

/** Device limits a run must fit (WebGPU names; other backends report their own equivalents). */
export interface DeviceLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}
