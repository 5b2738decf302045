import { describe, expect, it } from 'vitest';
import type { BackendReport } from '../engine/backend';
import type { CrossCheckReport } from '../engine/crossCheck';
import { EngineClient, type WorkerLike } from './engineClient';
import { createEngineHost } from './engineHost';
import { JOB_SPECS, JOB_TYPES, JOBS } from './jobTable';
import {
  type EngineRequest,
  type EngineResponse,
  isEngineResponse,
  isFinal,
  isProgress,
  type JobRequest,
  type JobType,
  parseRequest,
} from './protocol';

/** A minimal valid request of each job (a Record: a job added to the table needs one here). */
const SAMPLES = {
  init: { type: 'init' },
  crossCheck: { type: 'crossCheck', n: 64, d: 16, heads: 2, seed: 1, causal: true },
  sweep: {
    type: 'sweep',
    config: {
      variants: ['dense'],
      ns: [64],
      d: 16,
      heads: 1,
      causal: false,
      inputKind: 'gaussian',
      seed: 1,
      repeats: 1,
    },
  },
  paramSweep: {
    type: 'paramSweep',
    config: {
      variants: ['performer'],
      ns: [64],
      d: 16,
      heads: 1,
      causal: false,
      inputKind: 'gaussian',
      seed: 1,
      repeats: 1,
    },
    param: 'm',
    values: [16, 32],
  },
  hardness: {
    type: 'hardness',
    experiment: { kind: 'rankLimit', pattern: 'identity', n: 24, m: 8, taus: [1, 0.1] },
  },
  layerTrace: {
    type: 'layerTrace',
    model: 'pre',
    modelsUrl: 'https://example.org/models/',
    tokens: [1, 2],
    variant: 'dense',
  },
  layerAccuracy: {
    type: 'layerAccuracy',
    model: 'pre',
    modelsUrl: 'https://example.org/models/',
    variant: 'dense',
    sequences: 10,
    seed: 1,
  },
  attentionMap: {
    type: 'attentionMap',
    variant: 'window',
    params: { w: 4 },
    causal: false,
    seed: 1,
    q: { heads: 1, n: 16, width: 2, data: new Float32Array(32) },
    k: { heads: 1, n: 16, width: 2, data: new Float32Array(32) },
  },
  userKernel: {
    type: 'userKernel',
    body: 'setOut(h, i, 0u, 1.0);',
    n: 16,
    d: 4,
    heads: 1,
    causal: false,
    seed: 1,
    repeats: 1,
  },
} satisfies { [T in JobType]: Omit<Extract<JobRequest, { type: T }>, 'id'> };

const sample = (type: JobType, id: number) => ({ ...SAMPLES[type], id }) as JobRequest;

const PROGRESS_TYPES = new Set(JOB_SPECS.flatMap((job) => job.progress ?? []));
const ALL_RESPONSE_TYPES = [
  ...JOB_SPECS.map((job) => job.result),
  ...PROGRESS_TYPES,
  'initFailed',
  'error',
  'cancelled',
  'deviceLost',
];

describe('the job table', () => {
  it('names the responses on the wire as before', () => {
    expect(JOB_TYPES).toEqual(Object.keys(SAMPLES));
    const wire = Object.fromEntries(JOB_TYPES.map((t) => [t, [JOBS[t].result, JOBS[t].progress]]));
    expect(wire).toEqual({
      init: ['ready', null],
      crossCheck: ['crossCheckResult', 'progress'],
      sweep: ['sweepResult', 'sweepProgress'],
      paramSweep: ['paramSweepResult', 'sweepProgress'],
      hardness: ['hardnessResult', 'hardnessProgress'],
      layerTrace: ['layerTraceResult', null],
      layerAccuracy: ['layerAccuracyResult', null],
      attentionMap: ['attentionMapResult', null],
      userKernel: ['userKernelResult', null],
    });
  });

  it.each(JOB_TYPES)('parseRequest reads a minimal %s request with its own schema', (type) => {
    const request = sample(type, 7);
    expect(parseRequest(request)).toEqual({ ok: true, request });
    expect(parseRequest({ type })).toEqual({
      ok: false,
      error: `invalid ${type} request: id: missing (a required field)`,
    });
  });

  it.each(['bogus', 'ready', 'sweepResult', 'toString', '__proto__'])(
    'refuses the unknown request type %j as before',
    (type) => {
      expect(parseRequest({ type, id: 1 })).toEqual({
        ok: false,
        error: `unknown request type "${type}"`,
      });
    },
  );

  it.each(ALL_RESPONSE_TYPES.filter((t) => t !== 'deviceLost' && t !== 'error'))(
    'isEngineResponse accepts %s with an id, and only with one',
    (type) => {
      expect(isEngineResponse({ type, id: 3 })).toBe(true);
      expect(isEngineResponse({ type })).toBe(false);
      expect(isEngineResponse({ type, id: -1 })).toBe(false);
    },
  );

  it('isFinal is false exactly for the progress types and deviceLost', () => {
    const notFinal = ALL_RESPONSE_TYPES.filter(
      (type) => !isFinal({ type, id: 1, message: '' } as EngineResponse),
    );
    expect(notFinal.sort()).toEqual([
      'deviceLost',
      'hardnessProgress',
      'progress',
      'sweepProgress',
    ]);
    const progress = ALL_RESPONSE_TYPES.filter((type) =>
      isProgress({ type, id: 1 } as EngineResponse),
    );
    expect(progress.sort()).toEqual(['hardnessProgress', 'progress', 'sweepProgress']);
  });
});

/** A worker that answers each job with its table's progress (if any), then its result. */
class TableWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(message: EngineRequest): void {
    if (message.type === 'cancel') return;
    const { result, progress } = JOBS[message.type];
    const replies: object[] = progress ? [{ type: progress, id: message.id, step: 1 }] : [];
    replies.push({ type: result, id: message.id, step: 2 });
    for (const data of replies) queueMicrotask(() => this.onmessage?.({ data } as MessageEvent));
  }
  terminate(): void {}
}

describe('the client, from the table', () => {
  it.each(JOB_TYPES)('settles a %s job on its result and streams its progress', async (type) => {
    const client = new EngineClient(new TableWorker());
    const seen: unknown[] = [];
    const { id: _id, ...body } = sample(type, 0);
    const result = await client.request(body, (p) => seen.push(p)).result;
    expect(result).toMatchObject({ type: JOBS[type].result, step: 2 });
    expect(seen).toEqual(JOBS[type].progress ? [{ step: 1 }] : []);
  });
});

describe('the host dispatches every job of the table', () => {
  const report = { name: 'cpu', limits: {} } as unknown as BackendReport;

  /** A host with only the required engine functions (no sweeps, hardness or models). */
  function host() {
    const replies: EngineResponse[] = [];
    const handle = createEngineHost(
      { init: async () => report, crossCheck: async () => ({}) as CrossCheckReport },
      (r) => replies.push(r),
    );
    const settled = () => new Promise((r) => setTimeout(r, 0));
    return { handle, replies, settled };
  }

  it('answers each job before init, and each without its engine functions, as before', async () => {
    const { handle, replies, settled } = host();
    handle(sample('sweep', 1));
    handle(sample('init', 2));
    const jobs = JOB_TYPES.filter((t) => t !== 'init');
    for (const [i, type] of jobs.entries()) handle(sample(type, 10 + i));
    await settled();
    expect(replies.slice(0, 2)).toEqual([
      { type: 'error', id: 1, message: 'the engine has not started: send init first' },
      { type: 'ready', id: 2, report },
    ]);
    const answer = (r: EngineResponse) => ('message' in r ? r.message : r.type);
    const byType = Object.fromEntries(
      replies.slice(2).map((r) => [jobs[(r as { id: number }).id - 10], answer(r)]),
    );
    expect(byType).toEqual({
      crossCheck: 'crossCheckResult',
      sweep: 'sweeps are not available',
      paramSweep: 'sweeps are not available',
      hardness: 'hardness jobs are not available',
      layerTrace: 'model jobs are not available',
      layerAccuracy: 'model jobs are not available',
      attentionMap: 'attention maps are not available',
      userKernel: 'your own kernel is not available here',
    });
  });

  it('runs your own kernel on WebGPU only, and says so elsewhere', async () => {
    const replies: EngineResponse[] = [];
    const outcome = { compiled: false as const, errors: [] };
    const make = (name: string) =>
      createEngineHost(
        {
          init: async () => ({ ...report, name }) as BackendReport,
          crossCheck: async () => ({}) as CrossCheckReport,
          userKernel: async () => outcome,
        },
        (r) => replies.push(r),
      );
    for (const [name, id] of [
      ['cpu', 10],
      ['webgpu', 20],
    ] as const) {
      const handle = make(name);
      handle(sample('init', id));
      handle(sample('userKernel', id + 1));
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(replies.filter((r) => r.type !== 'ready')).toEqual([
      {
        type: 'error',
        id: 11,
        message: 'your own kernel runs on WebGPU only; this engine runs on cpu',
      },
      { type: 'userKernelResult', id: 21, ...outcome },
    ]);
  });

  it('refuses a duplicate id and cancels a job before it starts, as before', async () => {
    const { handle, replies, settled } = host();
    handle(sample('init', 1));
    handle(sample('crossCheck', 2));
    handle(sample('crossCheck', 2));
    handle({ type: 'cancel', id: 2 });
    await settled();
    expect(replies).toEqual([
      { type: 'error', id: null, message: 'job id 2 is already in use' },
      { type: 'ready', id: 1, report },
      { type: 'cancelled', id: 2 },
    ]);
  });
});
