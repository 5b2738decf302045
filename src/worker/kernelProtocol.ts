import * as v from 'valibot';
import { SEED_RANGE } from '../core/rng';
import { bool, intIn, object } from '../core/schemas/fields';
import { expected } from '../core/schemas/issues';
import type { KernelCheck } from '../engine/userKernelCheck';
import { type Fits, requestId } from './requestFields';

/**
 * The own-kernel job (pure: no tfjs): a researcher's WGSL body (core/userKernel/template)
 * compiled on the engine's WebGPU device and, when it compiles, run on generated Q, K, V and
 * checked against float64 dense attention. Sizes stay small: this is the check before a kernel
 * is trusted, not a sweep.
 */

export const KERNEL_LIMITS = {
  bodyChars: 64 * 1024,
  n: [16, 1024],
  d: [1, 256],
  heads: [1, 16],
  repeats: [1, 20],
  seed: SEED_RANGE,
} as const;

export interface UserKernelRequest {
  type: 'userKernel';
  id: number;
  body: string;
  n: number;
  d: number;
  heads: number;
  causal: boolean;
  seed: number;
  repeats: number;
}

export type UserKernelOutcome = KernelCheck;

export type UserKernelResultResponse = UserKernelOutcome & { type: 'userKernelResult'; id: number };

export const userKernelRequestSchema = object({
  type: v.literal('userKernel'),
  id: requestId(),
  body: v.pipe(
    v.string(expected('WGSL text')),
    v.maxLength(KERNEL_LIMITS.bodyChars, expected(`at most ${KERNEL_LIMITS.bodyChars} characters`)),
  ),
  n: intIn(KERNEL_LIMITS.n),
  d: intIn(KERNEL_LIMITS.d),
  heads: intIn(KERNEL_LIMITS.heads),
  causal: bool(),
  seed: intIn(KERNEL_LIMITS.seed),
  repeats: intIn(KERNEL_LIMITS.repeats),
});

const kernelFits: Fits<v.InferOutput<typeof userKernelRequestSchema>, UserKernelRequest> = true;
void kernelFits;
