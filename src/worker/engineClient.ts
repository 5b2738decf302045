import { messageOf } from '../core/messageOf';
import type { BackendName, BackendReport } from '../engine/backend';
import type { CrossCheckOptions, CrossCheckReport } from '../engine/crossCheck';
import type { HardnessExperiment, HardnessOutcome } from './hardnessProtocol';
import { JOBS } from './jobTable';
import type { UserKernelOutcome, UserKernelRequest } from './kernelProtocol';
import type { AttentionMapOutcome, AttentionMapRequest } from './mapProtocol';
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
  isProgress,
  type JobProgress,
  type JobRequest,
  type JobResults,
  type JobType,
} from './protocol';
import type {
  ParamSweepOutcome,
  ParamSweepRequest,
  SweepInputs,
  SweepJobConfig,
  SweepOutcome,
} from './sweepProtocol';

/**
 * Promise-based client of the engine worker (pure: it takes any Worker-like object, so it is
 * tested in Node with a fake). Each job gets an id; progress goes to its callback; the final
 * message settles its promise.
 *
 * Cancel is a message the worker reads between calls, so one long GPU call in flight can hold
 * it for minutes. If the job has not ended `cancelGraceMs` after a cancel, the client terminates
 * the worker and (given a factory) starts a fresh one, which it initialises as the first was.
 */

export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export type EngineErrorKind =
  | 'initFailed'
  | 'error'
  | 'cancelled'
  | 'crashed'
  | 'terminated'
  | 'stopped';

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The worker did not yield to a cancel within the grace period and was terminated (kind
 * 'stopped'); `fresh` settles when the engine that replaced it has started.
 */
export class EngineStoppedError extends EngineError {
  override name = 'EngineStoppedError';
  constructor(
    message: string,
    readonly fresh: Promise<BackendReport>,
  ) {
    super('stopped', message);
  }
}

/** How long a cancelled job may take to end before its worker is terminated. */
export const CANCEL_GRACE_MS = 1000;

export interface EngineClientOptions {
  cancelGraceMs?: number;
}

export interface Job<T> {
  id: number;
  result: Promise<T>;
  cancel(): void;
}

/** A final response without its message fields (per member, for results that are unions). */
type OutcomeOf<R> = R extends unknown ? Omit<R, 'type' | 'id'> : never;

type RequestBody<T extends JobType> = Omit<Extract<JobRequest, { type: T }>, 'id'>;

interface Pending {
  resolve(r: EngineResponse): void;
  reject(e: EngineError): void;
  onProgress?: (p: never) => void;
  /** The request as sent, so a job queued behind a stopped call can be sent again. */
  message: EngineRequest;
  /** A cancel was asked for: such a job ends with the stopped worker, not on the fresh one. */
  cancelled: boolean;
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly deviceLostListeners = new Set<(message: string) => void>();
  private readonly crashListeners = new Set<(message: string) => void>();
  private readonly cancelTimers = new Map<number, ReturnType<typeof setTimeout>>();
  private closed = false;
  private worker: WorkerLike;
  private readonly makeWorker: (() => WorkerLike) | null;
  private readonly cancelGraceMs: number;
  /** The first init's request, repeated on a fresh worker (null before any init). */
  private initBody: RequestBody<'init'> | null = null;

  /** A factory lets the client replace a worker that does not yield to a cancel. */
  constructor(worker: WorkerLike | (() => WorkerLike), options: EngineClientOptions = {}) {
    this.makeWorker = typeof worker === 'function' ? worker : null;
    this.worker = this.attach(typeof worker === 'function' ? worker() : worker);
    this.cancelGraceMs = options.cancelGraceMs ?? CANCEL_GRACE_MS;
  }

  private attach(worker: WorkerLike): WorkerLike {
    worker.onmessage = (e) => {
      if (worker === this.worker) this.receive(e.data);
    };
    worker.onerror = (e) => {
      if (worker === this.worker)
        this.crash(`the engine worker crashed: ${e.message || 'script error'}`);
    };
    return worker;
  }

  /** Start the engine; resolves with the backend report, rejects with kind 'initFailed'. */
  init(order?: BackendName[]): Promise<BackendReport> {
    const body: RequestBody<'init'> = { type: 'init', ...(order ? { order } : {}) };
    this.initBody ??= body;
    return this.request<'init'>(body).result.then((r) => r.report);
  }

  crossCheck(
    opts: CrossCheckOptions,
    onProgress?: (p: JobProgress['crossCheck']) => void,
  ): Job<CrossCheckReport> {
    return this.outcome<'crossCheck'>({ type: 'crossCheck', ...opts }, onProgress);
  }

  /** Variants × n; a cancel resolves with the points so far (cancelled: true). */
  sweep(
    config: SweepJobConfig,
    onProgress?: (p: JobProgress['sweep']) => void,
    inputs?: SweepInputs,
  ): Job<SweepOutcome> {
    const body = { type: 'sweep' as const, config, ...(inputs ? { inputs } : {}) };
    return this.outcome<'sweep'>(body, onProgress);
  }

  /** One variant at one n over values of one parameter. */
  paramSweep(
    body: Omit<ParamSweepRequest, 'type' | 'id'>,
    onProgress?: (p: JobProgress['paramSweep']) => void,
  ): Job<ParamSweepOutcome> {
    return this.outcome<'paramSweep'>({ type: 'paramSweep', ...body }, onProgress);
  }

  /** One hardness-lab experiment; a cancel resolves with the points so far (cancelled: true). */
  hardness(
    experiment: HardnessExperiment,
    onProgress?: (p: JobProgress['hardness']) => void,
  ): Job<HardnessOutcome> {
    return this.outcome<'hardness'>({ type: 'hardness', experiment }, onProgress);
  }

  /** One sequence through a shipped model with `variant` in place of softmax (layer explorer). */
  layerTrace(body: Omit<LayerTraceRequest, 'type' | 'id'>): Job<LayerTraceOutcome> {
    return this.outcome<'layerTrace'>({ type: 'layerTrace', ...body });
  }

  /** Held-out task accuracy of a shipped model, exact softmax and with `variant`. */
  layerAccuracy(body: Omit<LayerAccuracyRequest, 'type' | 'id'>): Job<LayerAccuracyOutcome> {
    return this.outcome<'layerAccuracy'>({ type: 'layerAccuracy', ...body });
  }

  /** A variant's attention weights on the given q and k, one n × n map per head. */
  attentionMap(body: Omit<AttentionMapRequest, 'type' | 'id'>): Job<AttentionMapOutcome> {
    return this.outcome<'attentionMap'>({ type: 'attentionMap', ...body });
  }

  /** A job whose result is its final response without the message's `type` and `id`. */
  private outcome<T extends JobType>(
    body: RequestBody<T>,
    onProgress?: (p: JobProgress[T]) => void,
  ): Job<OutcomeOf<JobResults[T]>> {
    const job = this.request<T>(body, onProgress);
    const result = job.result.then(
      ({ type: _type, id: _id, ...outcome }) => outcome as OutcomeOf<JobResults[T]>,
    );
    return { ...job, result };
  }

  /** Compile a researcher's WGSL kernel and check it against float64 (WebGPU only). */
  userKernel(body: Omit<UserKernelRequest, 'type' | 'id'>): Job<UserKernelOutcome> {
    return this.outcome<'userKernel'>({ type: 'userKernel', ...body });
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
      const expected = JOBS[body.type].result;
      const settle = (r: EngineResponse) => {
        if (r.type === expected) resolve(r as JobResults[T]);
        else reject(toError(r));
      };
      const message = { ...body, id } as EngineRequest;
      this.pending.set(id, { resolve: settle, reject, onProgress, message, cancelled: false });
      this.worker.postMessage(message);
    });
    return { id, result, cancel: () => this.cancel(id) };
  }

  /**
   * Ask the worker to stop job `id` after its current call. If the job has not ended within the
   * grace period, the worker is terminated: the job rejects with an EngineStoppedError, and so
   * does every other cancelled job pending in that worker; jobs queued behind it that nobody
   * cancelled (a screen's next run) are sent again to the fresh worker.
   */
  cancel(id: number): void {
    const job = this.pending.get(id);
    if (this.closed || !job) return;
    job.cancelled = true;
    this.worker.postMessage({ type: 'cancel', id });
    if (this.cancelTimers.has(id)) return;
    this.cancelTimers.set(
      id,
      setTimeout(() => this.stopUnyielding(id), this.cancelGraceMs),
    );
  }

  private stopUnyielding(id: number): void {
    this.cancelTimers.delete(id);
    if (this.closed || !this.pending.has(id)) return;
    const old = this.worker;
    old.onmessage = null;
    old.onerror = null;
    old.terminate();
    const jobs = [...this.pending.entries()];
    this.pending.clear();
    this.clearCancelTimers();
    const fresh = this.replaceWorker();
    fresh.catch(() => {}); // a failed start is reported through the crash listeners
    for (const [jobId, job] of jobs) {
      if (jobId !== id && !job.cancelled && !this.closed) {
        // Queued after the fresh worker's init, so it runs on the new engine.
        this.pending.set(jobId, job);
        this.worker.postMessage(job.message);
        continue;
      }
      const message =
        jobId === id
          ? 'stopped the engine: the call in flight did not yield'
          : 'stopped the engine while another job was cancelled';
      job.reject(new EngineStoppedError(message, fresh));
    }
  }

  /** A new worker, initialised as the old one was; rejects (and reports a crash) if it fails. */
  private replaceWorker(): Promise<BackendReport> {
    if (!this.makeWorker) {
      this.closed = true;
      return Promise.reject(new EngineError('terminated', 'the engine was stopped'));
    }
    this.worker = this.attach(this.makeWorker());
    if (!this.initBody) return Promise.reject(new EngineError('initFailed', 'never started'));
    const started = this.request<'init'>(this.initBody).result.then((r) => r.report);
    started.catch((err: unknown) => {
      if (err instanceof EngineError && (err.kind === 'crashed' || err.kind === 'stopped')) return;
      const why = messageOf(err);
      for (const l of this.crashListeners) l(`the fresh engine did not start: ${why}`);
    });
    return started;
  }

  private clearCancelTimers(): void {
    for (const t of this.cancelTimers.values()) clearTimeout(t);
    this.cancelTimers.clear();
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
    this.clearCancelTimers();
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
      // An error with no job id: a request whose id the worker could not read, or a duplicate id
      // (the running job with that id must not be failed). No pending job matches it: logged only.
      console.warn(`engine: ${data.type === 'error' ? data.message : data.type}`);
      return;
    }
    const job = this.pending.get(data.id);
    if (!job) return;
    if (isProgress(data)) {
      const { type: _type, id: _id, ...progress } = data;
      (job.onProgress as ((p: unknown) => void) | undefined)?.(progress);
      return;
    }
    if (isFinal(data)) {
      this.pending.delete(data.id);
      clearTimeout(this.cancelTimers.get(data.id));
      this.cancelTimers.delete(data.id);
      job.resolve(data);
    }
  }

  private crash(message: string): void {
    this.rejectAll(new EngineError('crashed', message));
    for (const l of this.crashListeners) l(message);
  }

  private rejectAll(err: EngineError): void {
    this.clearCancelTimers();
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(err);
  }
}

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
