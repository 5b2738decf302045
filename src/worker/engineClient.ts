import type { BackendName, BackendReport } from '../engine/backend';
import type { CrossCheckOptions, CrossCheckReport } from '../engine/crossCheck';
import type { HardnessExperiment, HardnessOutcome } from './hardnessProtocol';
import type {
  LayerAccuracyOutcome,
  LayerAccuracyRequest,
  LayerTraceOutcome,
  LayerTraceRequest,
} from './modelProtocol';
import {
  type EngineRequest,
  type EngineResponse,
  isEngineResponse,
  isFinal,
  type JobProgress,
  type JobRequest,
  type JobResults,
  type JobType,
} from './protocol';
import type {
  ParamSweepOutcome,
  ParamSweepRequest,
  SweepJobConfig,
  SweepOutcome,
} from './sweepProtocol';

/**
 * Promise-based client of the engine worker (pure: it takes any Worker-like object, so it is
 * tested in Node with a fake). Each job gets an id; progress goes to its callback; the final
 * message settles its promise.
 */

export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export type EngineErrorKind = 'initFailed' | 'error' | 'cancelled' | 'crashed' | 'terminated';

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface Job<T> {
  id: number;
  result: Promise<T>;
  cancel(): void;
}

type RequestBody<T extends JobType> = Omit<Extract<JobRequest, { type: T }>, 'id'>;

interface Pending {
  resolve(r: EngineResponse): void;
  reject(e: EngineError): void;
  onProgress?: (p: never) => void;
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly deviceLostListeners = new Set<(message: string) => void>();
  private readonly crashListeners = new Set<(message: string) => void>();
  private closed = false;

  constructor(private readonly worker: WorkerLike) {
    worker.onmessage = (e) => this.receive(e.data);
    worker.onerror = (e) => this.crash(`the engine worker crashed: ${e.message || 'script error'}`);
  }

  /** Start the engine; resolves with the backend report, rejects with kind 'initFailed'. */
  init(order?: BackendName[]): Promise<BackendReport> {
    return this.request<'init'>({ type: 'init', ...(order ? { order } : {}) }).result.then(
      (r) => r.report,
    );
  }

  crossCheck(
    opts: CrossCheckOptions,
    onProgress?: (p: JobProgress['crossCheck']) => void,
  ): Job<CrossCheckReport> {
    const job = this.request<'crossCheck'>({ type: 'crossCheck', ...opts }, onProgress);
    const result = job.result.then(({ type: _type, id: _id, ...report }) => report);
    return { ...job, result };
  }

  /** Variants × n; a cancel resolves with the points so far (cancelled: true). */
  sweep(config: SweepJobConfig, onProgress?: (p: JobProgress['sweep']) => void): Job<SweepOutcome> {
    const job = this.request<'sweep'>({ type: 'sweep', config }, onProgress);
    const result = job.result.then(({ type: _type, id: _id, ...outcome }) => outcome);
    return { ...job, result };
  }

  /** One variant at one n over values of one parameter. */
  paramSweep(
    body: Omit<ParamSweepRequest, 'type' | 'id'>,
    onProgress?: (p: JobProgress['paramSweep']) => void,
  ): Job<ParamSweepOutcome> {
    const job = this.request<'paramSweep'>({ type: 'paramSweep', ...body }, onProgress);
    const result = job.result.then(({ type: _type, id: _id, ...outcome }) => outcome);
    return { ...job, result };
  }

  /** One hardness-lab experiment; a cancel resolves with the points so far (cancelled: true). */
  hardness(
    experiment: HardnessExperiment,
    onProgress?: (p: JobProgress['hardness']) => void,
  ): Job<HardnessOutcome> {
    const job = this.request<'hardness'>({ type: 'hardness', experiment }, onProgress);
    const result = job.result.then(({ type: _type, id: _id, ...outcome }) => outcome);
    return { ...job, result };
  }

  /** One sequence through a shipped model with `variant` in place of softmax (layer explorer). */
  layerTrace(body: Omit<LayerTraceRequest, 'type' | 'id'>): Job<LayerTraceOutcome> {
    const job = this.request<'layerTrace'>({ type: 'layerTrace', ...body });
    const result = job.result.then(({ type: _type, id: _id, ...outcome }) => outcome);
    return { ...job, result };
  }

  /** Held-out task accuracy of a shipped model, exact softmax and with `variant`. */
  layerAccuracy(body: Omit<LayerAccuracyRequest, 'type' | 'id'>): Job<LayerAccuracyOutcome> {
    const job = this.request<'layerAccuracy'>({ type: 'layerAccuracy', ...body });
    const result = job.result.then(({ type: _type, id: _id, ...outcome }) => outcome);
    return { ...job, result };
  }

  /** Send any job and await its final response (the building block for new job types). */
  request<T extends JobType>(
    body: RequestBody<T>,
    onProgress?: (p: JobProgress[T]) => void,
  ): Job<JobResults[T]> {
    const id = this.nextId++;
    const result = new Promise<JobResults[T]>((resolve, reject) => {
      if (this.closed) {
        reject(new EngineError('terminated', 'the engine was stopped'));
        return;
      }
      const expected = RESULT_TYPE[body.type];
      const settle = (r: EngineResponse) => {
        if (r.type === expected) resolve(r as JobResults[T]);
        else reject(toError(r));
      };
      this.pending.set(id, { resolve: settle, reject, onProgress });
      this.worker.postMessage({ ...body, id } as EngineRequest);
    });
    return { id, result, cancel: () => this.cancel(id) };
  }

  cancel(id: number): void {
    if (this.pending.has(id)) this.worker.postMessage({ type: 'cancel', id });
  }

  onDeviceLost(listener: (message: string) => void): () => void {
    this.deviceLostListeners.add(listener);
    return () => this.deviceLostListeners.delete(listener);
  }

  /** The worker failed (script error, unreadable reply): every pending job is rejected too. */
  onCrash(listener: (message: string) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  /** Stop the worker; pending jobs reject with kind 'terminated'. */
  terminate(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
    this.rejectAll(new EngineError('terminated', 'the engine was stopped'));
  }

  private receive(data: unknown): void {
    if (!isEngineResponse(data)) {
      this.crash(`the engine sent an unreadable message: ${safeJson(data)}`);
      return;
    }
    if (data.type === 'deviceLost') {
      for (const l of this.deviceLostListeners) l(data.message);
      return;
    }
    if (data.id === null) {
      // An error not tied to a job: surface it as a crash only if nothing can explain it.
      console.warn(`engine: ${data.type === 'error' ? data.message : data.type}`);
      return;
    }
    const job = this.pending.get(data.id);
    if (!job) return;
    if (
      data.type === 'progress' ||
      data.type === 'sweepProgress' ||
      data.type === 'hardnessProgress'
    ) {
      const { type: _type, id: _id, ...progress } = data;
      (job.onProgress as ((p: unknown) => void) | undefined)?.(progress);
      return;
    }
    if (isFinal(data)) {
      this.pending.delete(data.id);
      job.resolve(data);
    }
  }

  private crash(message: string): void {
    this.rejectAll(new EngineError('crashed', message));
    for (const l of this.crashListeners) l(message);
  }

  private rejectAll(err: EngineError): void {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(err);
  }
}

const RESULT_TYPE: { [T in JobType]: JobResults[T]['type'] } = {
  init: 'ready',
  crossCheck: 'crossCheckResult',
  sweep: 'sweepResult',
  paramSweep: 'paramSweepResult',
  hardness: 'hardnessResult',
  layerTrace: 'layerTraceResult',
  layerAccuracy: 'layerAccuracyResult',
};

function toError(r: EngineResponse): EngineError {
  switch (r.type) {
    case 'initFailed':
      return new EngineError('initFailed', r.error);
    case 'cancelled':
      return new EngineError('cancelled', 'cancelled');
    case 'error':
      return new EngineError('error', r.message);
    default:
      return new EngineError('error', `unexpected reply "${r.type}"`);
  }
}

function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x).slice(0, 200);
  } catch {
    return String(x);
  }
}
