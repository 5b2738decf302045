import type * as v from 'valibot';
import { crossCheckRequestSchema, initRequestSchema } from './backendProtocol';
import { hardnessRequestSchema } from './hardnessProtocol';
import { userKernelRequestSchema } from './kernelProtocol';
import { attentionMapRequestSchema } from './mapProtocol';
import { layerAccuracyRequestSchema, layerTraceRequestSchema } from './modelProtocol';
import type { JobProgressResponse, JobRequest, JobResults, JobType } from './protocol';
import { paramSweepRequestSchema, sweepRequestSchema } from './sweepProtocol';

/**
 * Every job the worker runs, once: the schema that reads its request, the `type` of its
 * successful final response and of the progress it streams (null: none). protocol.ts derives
 * from it what the worker accepts and which responses end a job; the client, which result to
 * expect; engineHost.ts holds each job's handler. Pure (valibot and the protocol modules), so
 * the page can use it without loading tfjs.
 */

/** One job's entry, checked by the compiler against the job's request and result interfaces. */
export interface JobSpec<T extends JobType> {
  /** Reads the request; its output must fit the job's request interface. */
  request: v.GenericSchema<unknown, Extract<JobRequest, { type: T }>>;
  /** The `type` of `JobResults[T]`. */
  result: JobResults[T]['type'];
  /** The `type` of the messages it streams before its result; null for none. */
  progress: JobProgressResponse['type'] | null;
}

export const JOBS = {
  init: { request: initRequestSchema, result: 'ready', progress: null },
  crossCheck: {
    request: crossCheckRequestSchema,
    result: 'crossCheckResult',
    progress: 'progress',
  },
  sweep: { request: sweepRequestSchema, result: 'sweepResult', progress: 'sweepProgress' },
  paramSweep: {
    request: paramSweepRequestSchema,
    result: 'paramSweepResult',
    progress: 'sweepProgress',
  },
  hardness: {
    request: hardnessRequestSchema,
    result: 'hardnessResult',
    progress: 'hardnessProgress',
  },
  layerTrace: { request: layerTraceRequestSchema, result: 'layerTraceResult', progress: null },
  layerAccuracy: {
    request: layerAccuracyRequestSchema,
    result: 'layerAccuracyResult',
    progress: null,
  },
  attentionMap: {
    request: attentionMapRequestSchema,
    result: 'attentionMapResult',
    progress: null,
  },
  userKernel: { request: userKernelRequestSchema, result: 'userKernelResult', progress: null },
} as const satisfies { [T in JobType]: JobSpec<T> };

export const JOB_TYPES = Object.keys(JOBS) as JobType[];

/** The table's entries (for what is derived over every job). */
export const JOB_SPECS = Object.values(JOBS);
