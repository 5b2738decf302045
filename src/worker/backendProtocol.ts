import * as v from 'valibot';
import { SEED_RANGE } from '../core/rng';
import { bool, intIn, object } from '../core/schemas/fields';
import { expected } from '../core/schemas/issues';
import type { BackendName, BackendReport } from '../engine/backend';
import type { CrossCheckOptions, CrossCheckProgress, CrossCheckReport } from '../engine/crossCheck';
import { type Fits, oneOf, requestId, type Same } from './requestFields';

/**
 * The backend jobs' messages (pure: type-only imports from engine/): `init` starts a backend,
 * `crossCheck` compares the backends on one attention call.
 */

export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
// Compile-time check that BACKEND_NAMES lists exactly engine/backend's BackendName.
const backendNamesMatch: Same<(typeof BACKEND_NAMES)[number], BackendName> = true;
void backendNamesMatch;

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKEND_NAMES as readonly string[]).includes(x);
}

/** Bounds the worker accepts for a cross-check (small on purpose: software GPUs are slow). */
export const CROSS_CHECK_LIMITS = {
  n: [1, 1024],
  d: [1, 128],
  heads: [1, 16],
  seed: SEED_RANGE,
} as const;

export interface InitRequest {
  type: 'init';
  id: number;
  /** Backends to try in order; the engine's default order when absent. */
  order?: BackendName[];
}

export interface CrossCheckRequest extends CrossCheckOptions {
  type: 'crossCheck';
  id: number;
}

export interface ReadyResponse {
  type: 'ready';
  id: number;
  report: BackendReport;
}

export interface InitFailedResponse {
  type: 'initFailed';
  id: number;
  error: string;
}

export interface ProgressResponse extends CrossCheckProgress {
  type: 'progress';
  id: number;
}

export interface CrossCheckResultResponse extends CrossCheckReport {
  type: 'crossCheckResult';
  id: number;
}

const ORDER_TEXT = `a non-empty list of ${BACKEND_NAMES.join(', ')}`;

export const initRequestSchema = object({
  type: v.literal('init'),
  id: requestId(),
  order: v.optional(
    v.pipe(
      v.array(oneOf(BACKEND_NAMES), expected(ORDER_TEXT)),
      v.minLength(1, expected(ORDER_TEXT)),
    ),
  ),
});

export const crossCheckRequestSchema = object({
  type: v.literal('crossCheck'),
  id: requestId(),
  n: intIn(CROSS_CHECK_LIMITS.n),
  d: intIn(CROSS_CHECK_LIMITS.d),
  heads: intIn(CROSS_CHECK_LIMITS.heads),
  seed: intIn(CROSS_CHECK_LIMITS.seed),
  causal: bool(),
});

const initFits: Same<v.InferOutput<typeof initRequestSchema>, InitRequest> = true;
const crossCheckFits: Fits<v.InferOutput<typeof crossCheckRequestSchema>, CrossCheckRequest> = true;
void initFits;
void crossCheckFits;
