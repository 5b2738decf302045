import * as v from 'valibot';
import { isObject } from '../core/fieldChecks';
import { SEED_RANGE } from '../core/rng';
import { bool, intIn, object } from '../core/schemas/fields';
import { expected } from '../core/schemas/issues';
import type { BackendName, BackendReport } from '../engine/backend';
import type { CrossCheckOptions, CrossCheckProgress, CrossCheckReport } from '../engine/crossCheck';
import {
  type HardnessProgressResponse,
  type HardnessRequest,
  type HardnessResultResponse,
  hardnessRequestSchema,
} from './hardnessProtocol';
import {
  type LayerAccuracyRequest,
  type LayerAccuracyResultResponse,
  type LayerTraceRequest,
  type LayerTraceResultResponse,
  layerAccuracyRequestSchema,
  layerTraceRequestSchema,
} from './modelProtocol';
import { type Fits, issueText, oneOf, requestId } from './requestFields';
import {
  type ParamSweepRequest,
  type ParamSweepResultResponse,
  paramSweepRequestSchema,
  type SweepProgressResponse,
  type SweepRequest,
  type SweepResultResponse,
  sweepRequestSchema,
} from './sweepProtocol';

/**
 * Messages between the page and the engine worker. This module is pure (type-only imports from
 * engine/), so the main thread can use it without loading tfjs.
 *
 * Every request that starts work carries an `id`; every response to it echoes that id. A job
 * answers with zero or more `progress` messages, then exactly one final message: its result,
 * `error`, or `cancelled`. `deviceLost` is a broadcast (no id).
 *
 * To add a job: add its request to `JobRequest`, its final response to
 * `JobResults`, its schema to `requestSchema`, and handle it in the worker's dispatch.
 */

export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
// Compile-time check that BACKEND_NAMES lists exactly engine/backend's BackendName.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const backendNamesMatch: Same<(typeof BACKEND_NAMES)[number], BackendName> = true;
void backendNamesMatch;

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

export interface CancelRequest {
  type: 'cancel';
  /** The id of the job to cancel. */
  id: number;
}

export type JobRequest =
  | InitRequest
  | CrossCheckRequest
  | SweepRequest
  | ParamSweepRequest
  | HardnessRequest
  | LayerTraceRequest
  | LayerAccuracyRequest;
export type EngineRequest = JobRequest | CancelRequest;
export type JobType = JobRequest['type'];

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

export interface ErrorResponse {
  type: 'error';
  /** The job that failed, or null for a message that could not be read at all. */
  id: number | null;
  message: string;
}

export interface CancelledResponse {
  type: 'cancelled';
  id: number;
}

export interface DeviceLostResponse {
  type: 'deviceLost';
  message: string;
}

export type EngineResponse =
  | ReadyResponse
  | InitFailedResponse
  | ProgressResponse
  | CrossCheckResultResponse
  | SweepProgressResponse
  | SweepResultResponse
  | ParamSweepResultResponse
  | HardnessProgressResponse
  | HardnessResultResponse
  | LayerTraceResultResponse
  | LayerAccuracyResultResponse
  | ErrorResponse
  | CancelledResponse
  | DeviceLostResponse;

/** The successful final response of each job type. */
export interface JobResults {
  init: ReadyResponse;
  crossCheck: CrossCheckResultResponse;
  sweep: SweepResultResponse;
  paramSweep: ParamSweepResultResponse;
  hardness: HardnessResultResponse;
  layerTrace: LayerTraceResultResponse;
  layerAccuracy: LayerAccuracyResultResponse;
}

/** What each job streams before its final message. */
export interface JobProgress {
  init: never;
  crossCheck: CrossCheckProgress;
  sweep: Omit<SweepProgressResponse, 'type' | 'id'>;
  paramSweep: Omit<SweepProgressResponse, 'type' | 'id'>;
  hardness: Omit<HardnessProgressResponse, 'type' | 'id'>;
  layerTrace: never;
  layerAccuracy: never;
}

const RESPONSE_TYPES: ReadonlySet<string> = new Set<EngineResponse['type']>([
  'ready',
  'initFailed',
  'progress',
  'crossCheckResult',
  'sweepProgress',
  'sweepResult',
  'paramSweepResult',
  'hardnessProgress',
  'hardnessResult',
  'layerTraceResult',
  'layerAccuracyResult',
  'error',
  'cancelled',
  'deviceLost',
]);

const isId = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKEND_NAMES as readonly string[]).includes(x);
}

const ORDER_TEXT = `a non-empty list of ${BACKEND_NAMES.join(', ')}`;

const initRequestSchema = object({
  type: v.literal('init'),
  id: requestId(),
  order: v.optional(
    v.pipe(
      v.array(oneOf(BACKEND_NAMES), expected(ORDER_TEXT)),
      v.minLength(1, expected(ORDER_TEXT)),
    ),
  ),
});

const crossCheckRequestSchema = object({
  type: v.literal('crossCheck'),
  id: requestId(),
  n: intIn(CROSS_CHECK_LIMITS.n),
  d: intIn(CROSS_CHECK_LIMITS.d),
  heads: intIn(CROSS_CHECK_LIMITS.heads),
  seed: intIn(CROSS_CHECK_LIMITS.seed),
  causal: bool(),
});

const cancelRequestSchema = object({ type: v.literal('cancel'), id: requestId() });

/**
 * Every request the worker takes, told apart by `type`. Unknown keys (an own `__proto__`
 * included) are dropped: the request that reaches a job holds only its own fields.
 */
export const requestSchema = v.variant('type', [
  initRequestSchema,
  crossCheckRequestSchema,
  cancelRequestSchema,
  sweepRequestSchema,
  paramSweepRequestSchema,
  hardnessRequestSchema,
  layerTraceRequestSchema,
  layerAccuracyRequestSchema,
]);

/** Every request type once (a Record, so a type added to EngineRequest must be listed here). */
const REQUEST_TYPES: ReadonlySet<string> = new Set(
  Object.keys({
    init: true,
    crossCheck: true,
    cancel: true,
    sweep: true,
    paramSweep: true,
    hardness: true,
    layerTrace: true,
    layerAccuracy: true,
  } satisfies Record<EngineRequest['type'], true>),
);

const initFits: Same<v.InferOutput<typeof initRequestSchema>, InitRequest> = true;
const crossCheckFits: Fits<v.InferOutput<typeof crossCheckRequestSchema>, CrossCheckRequest> = true;
const cancelFits: Same<v.InferOutput<typeof cancelRequestSchema>, CancelRequest> = true;
const allFits: Fits<v.InferOutput<typeof requestSchema>, EngineRequest> = true;
void initFits;
void crossCheckFits;
void cancelFits;
void allFits;

/** Validate a message the worker received; returns the request or the reason it is invalid. */
export function parseRequest(
  x: unknown,
): { ok: true; request: EngineRequest } | { ok: false; error: string } {
  if (!isObject(x) || typeof x.type !== 'string') {
    return { ok: false, error: 'a request must be an object with a string "type"' };
  }
  if (!REQUEST_TYPES.has(x.type)) return { ok: false, error: `unknown request type "${x.type}"` };
  const result = v.safeParse(requestSchema, x, { abortEarly: true, abortPipeEarly: true });
  if (result.success) return { ok: true, request: result.output };
  return { ok: false, error: `invalid ${x.type} request: ${issueText(result.issues[0])}` };
}

/** Shallow guard for messages the page receives from the worker. */
export function isEngineResponse(x: unknown): x is EngineResponse {
  if (!isObject(x) || typeof x.type !== 'string' || !RESPONSE_TYPES.has(x.type)) return false;
  if (x.type === 'deviceLost') return typeof x.message === 'string';
  if (x.type === 'error') return (x.id === null || isId(x.id)) && typeof x.message === 'string';
  return isId(x.id);
}

/** True for a job's last message (after it, the id is free). */
export function isFinal(r: EngineResponse): boolean {
  return (
    r.type !== 'progress' &&
    r.type !== 'sweepProgress' &&
    r.type !== 'hardnessProgress' &&
    r.type !== 'deviceLost'
  );
}
