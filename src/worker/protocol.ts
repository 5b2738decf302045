import { type Fields, isObject } from '../core/fieldChecks';
import { SEED_RANGE } from '../core/rng';
import type { BackendName, BackendReport } from '../engine/backend';
import type { CrossCheckOptions, CrossCheckProgress, CrossCheckReport } from '../engine/crossCheck';
import {
  checkHardnessRequest,
  type HardnessProgressResponse,
  type HardnessRequest,
  type HardnessResultResponse,
} from './hardnessProtocol';
import {
  checkLayerAccuracyRequest,
  checkLayerTraceRequest,
  type LayerAccuracyRequest,
  type LayerAccuracyResultResponse,
  type LayerTraceRequest,
  type LayerTraceResultResponse,
} from './modelProtocol';
import {
  checkParamSweepRequest,
  checkSweepRequest,
  type ParamSweepRequest,
  type ParamSweepResultResponse,
  type SweepProgressResponse,
  type SweepRequest,
  type SweepResultResponse,
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
 * `JobResults`, validate it in `parseRequest`, and handle it in the worker's dispatch.
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

function intIn(m: Fields, key: keyof typeof CROSS_CHECK_LIMITS): string | null {
  const [lo, hi] = CROSS_CHECK_LIMITS[key];
  const v = m[key];
  return Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi
    ? null
    : `${key} must be an integer in [${lo}, ${hi}], got ${String(v)}`;
}

function checkInit(m: Fields): string | null {
  if (m.order === undefined) return null;
  if (!Array.isArray(m.order) || m.order.length === 0 || !m.order.every(isBackendName)) {
    return `order must be a non-empty list of ${BACKEND_NAMES.join(', ')}`;
  }
  return null;
}

function checkCrossCheck(m: Fields): string | null {
  for (const key of ['n', 'd', 'heads', 'seed'] as const) {
    const problem = intIn(m, key);
    if (problem) return problem;
  }
  return typeof m.causal === 'boolean' ? null : 'causal must be true or false';
}

/** Validate a message the worker received; returns the request or the reason it is invalid. */
export function parseRequest(
  x: unknown,
): { ok: true; request: EngineRequest } | { ok: false; error: string } {
  if (!isObject(x) || typeof x.type !== 'string') {
    return { ok: false, error: 'a request must be an object with a string "type"' };
  }
  if (!isId(x.id))
    return { ok: false, error: `request "${x.type}" needs a non-negative integer id` };
  let problem: string | null;
  switch (x.type) {
    case 'init':
      problem = checkInit(x);
      break;
    case 'crossCheck':
      problem = checkCrossCheck(x);
      break;
    case 'sweep':
      problem = checkSweepRequest(x);
      break;
    case 'paramSweep':
      problem = checkParamSweepRequest(x);
      break;
    case 'hardness':
      problem = checkHardnessRequest(x);
      break;
    case 'layerTrace':
      problem = checkLayerTraceRequest(x);
      break;
    case 'layerAccuracy':
      problem = checkLayerAccuracyRequest(x);
      break;
    case 'cancel':
      problem = null;
      break;
    default:
      return { ok: false, error: `unknown request type "${x.type}"` };
  }
  if (problem) return { ok: false, error: `invalid ${x.type} request: ${problem}` };
  return { ok: true, request: x as unknown as EngineRequest };
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
