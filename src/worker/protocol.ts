import * as v from 'valibot';
import { isObject } from '../core/fieldChecks';
import { object } from '../core/schemas/fields';
import type {
  CrossCheckRequest,
  CrossCheckResultResponse,
  InitFailedResponse,
  InitRequest,
  ProgressResponse,
  ReadyResponse,
} from './backendProtocol';
import type {
  HardnessProgressResponse,
  HardnessRequest,
  HardnessResultResponse,
} from './hardnessProtocol';
import { JOB_SPECS, JOB_TYPES, type JOBS } from './jobTable';
import type { UserKernelRequest, UserKernelResultResponse } from './kernelProtocol';
import type { AttentionMapRequest, AttentionMapResultResponse } from './mapProtocol';
import type {
  LayerAccuracyRequest,
  LayerAccuracyResultResponse,
  LayerTraceRequest,
  LayerTraceResultResponse,
} from './modelProtocol';
import { type Fits, issueText, requestId, type Same } from './requestFields';
import type {
  ParamSweepRequest,
  ParamSweepResultResponse,
  SweepProgressResponse,
  SweepRequest,
  SweepResultResponse,
} from './sweepProtocol';

export { BACKEND_NAMES, isBackendName } from './backendProtocol';

/**
 * Messages between the page and the engine worker. This module is pure (type-only imports from
 * engine/), so the main thread can use it without loading tfjs.
 *
 * Every request that starts work carries an `id`; every response to it echoes that id. A job
 * answers with zero or more progress messages, then exactly one final message: its result,
 * `error`, or `cancelled`. `deviceLost` is a broadcast (no id).
 *
 * To add a job: write its request, schema and responses (beside the others in a *Protocol.ts),
 * add the request to `JobRequest`, the result to `JobResults` (a new progress response to
 * `JobProgressResponse`), then give it one entry in `JOBS` (jobTable.ts) and a handler in
 * engineHost.ts. What the worker accepts, which responses
 * are final and which result the client expects all come from `JOBS`; the compiler fails while
 * a job lacks its entry or its handler.
 */

export type JobRequest =
  | InitRequest
  | CrossCheckRequest
  | SweepRequest
  | ParamSweepRequest
  | HardnessRequest
  | LayerTraceRequest
  | LayerAccuracyRequest
  | AttentionMapRequest
  | UserKernelRequest;
export type EngineRequest = JobRequest | CancelRequest;
export type JobType = JobRequest['type'];

export interface CancelRequest {
  type: 'cancel';
  /** The id of the job to cancel. */
  id: number;
}

/** The successful final response of each job type. */
export interface JobResults {
  init: ReadyResponse;
  crossCheck: CrossCheckResultResponse;
  sweep: SweepResultResponse;
  paramSweep: ParamSweepResultResponse;
  hardness: HardnessResultResponse;
  layerTrace: LayerTraceResultResponse;
  layerAccuracy: LayerAccuracyResultResponse;
  attentionMap: AttentionMapResultResponse;
  userKernel: UserKernelResultResponse;
}

/** The messages a job streams before its final one. */
export type JobProgressResponse =
  | ProgressResponse
  | SweepProgressResponse
  | HardnessProgressResponse;

/** What each job streams before its final message (never for a job without progress). */
export type JobProgress = {
  [T in JobType]: ProgressOf<(typeof JOBS)[T]['progress']>;
};
type ProgressOf<P> = [P] extends [null]
  ? never
  : Omit<Extract<JobProgressResponse, { type: P }>, 'type' | 'id'>;

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
  | JobResults[JobType]
  | JobProgressResponse
  | InitFailedResponse
  | ErrorResponse
  | CancelledResponse
  | DeviceLostResponse;

const cancelRequestSchema = object({ type: v.literal('cancel'), id: requestId() });

/**
 * Every request the worker takes, told apart by `type`. Unknown keys (an own `__proto__`
 * included) are dropped: the request that reaches a job holds only its own fields.
 */
export const requestSchema = v.variant('type', [
  ...JOB_SPECS.map((job) => job.request),
  cancelRequestSchema,
]);

const cancelFits: Same<v.InferOutput<typeof cancelRequestSchema>, CancelRequest> = true;
const allFits: Fits<v.InferOutput<typeof requestSchema>, EngineRequest> = true;
void cancelFits;
void allFits;

const REQUEST_TYPES: ReadonlySet<string> = new Set<EngineRequest['type']>([...JOB_TYPES, 'cancel']);

const PROGRESS_TYPES: ReadonlySet<string> = new Set(JOB_SPECS.flatMap((job) => job.progress ?? []));

/** The responses of no one job (a Record, so a response type outside the table must be here). */
const OTHER_RESPONSES = {
  initFailed: true,
  error: true,
  cancelled: true,
  deviceLost: true,
} satisfies Record<
  Exclude<EngineResponse['type'], (typeof JOBS)[JobType]['result' | 'progress']>,
  true
>;

const RESPONSE_TYPES: ReadonlySet<string> = new Set([
  ...JOB_SPECS.map((job) => job.result),
  ...PROGRESS_TYPES,
  ...Object.keys(OTHER_RESPONSES),
]);

const isId = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

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

/** True for a job's progress message (one of the table's progress types). */
export function isProgress(r: EngineResponse): r is JobProgressResponse {
  return PROGRESS_TYPES.has(r.type);
}

/** True for a job's last message (after it, the id is free). */
export function isFinal(r: EngineResponse): boolean {
  return r.type !== 'deviceLost' && !isProgress(r);
}
