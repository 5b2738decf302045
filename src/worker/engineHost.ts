import { messageOf } from '../core/messageOf';
import type { DeviceLimits } from '../core/variantSpec';
import type { BackendName, BackendReport } from '../engine/backend';
import type { CrossCheckHooks, CrossCheckOptions, CrossCheckReport } from '../engine/crossCheck';
import { type HardnessDeps, hardnessJob } from './hardnessJobs';
import type { HardnessProgress } from './hardnessProtocol';
import type { UserKernelOutcome, UserKernelRequest } from './kernelProtocol';
import type { AttentionMapRequest } from './mapProtocol';
import { createModelJobs, type ModelDeps } from './modelJobs';
import type { EngineResponse, ErrorResponse, JobRequest, JobResults, JobType } from './protocol';
import { parseRequest } from './protocol';
import { paramSweepJob, type SweepDeps, sweepJob } from './sweepJobs';

/**
 * The worker's message handling, free of tfjs and of the worker global: the engine functions
 * come in as `deps`, replies go out through `post`. Jobs run one at a time in arrival order
 * (tfjs has one global backend, and a cross-check switches it), and each can be cancelled.
 */

export interface EngineDeps {
  init(
    order: BackendName[] | undefined,
    onDeviceLost: (message: string) => void,
  ): Promise<BackendReport>;
  crossCheck(opts: CrossCheckOptions, hooks: CrossCheckHooks): Promise<CrossCheckReport>;
  /** The sweep jobs' engine functions; without them sweep requests fail with a message. */
  sweeps?: SweepDeps;
  /** The hardness lab's engine functions; without them hardness requests fail with a message. */
  hardness?: HardnessDeps;
  /** The layer explorer's model functions; without them layer jobs fail with a message. */
  models?: ModelDeps;
  /** A variant's attention weights (run with V = I); without it map jobs fail with a message. */
  attentionMap?: (req: AttentionMapRequest, limits: DeviceLimits) => Promise<Float32Array>;
  /** Compile and check a researcher's kernel on the WebGPU device; absent: not available. */
  userKernel?: (req: UserKernelRequest) => Promise<UserKernelOutcome>;
}

/** Every job type but init, which the host answers itself (it starts the engine). */
type HandledJob = Exclude<JobType, 'init'>;
type RequestOf<T extends JobType> = { [K in JobType]: Extract<JobRequest, { type: K }> }[T];

/** A job's handler: its request, its cancel signal and the started engine's report. */
type JobHandlers = {
  [T in HandledJob]: (
    req: RequestOf<T>,
    signal: AbortSignal,
    report: BackendReport,
  ) => Promise<JobResults[T] | ErrorResponse>;
};

type InitState =
  | { kind: 'none' }
  | { kind: 'ready'; report: BackendReport }
  | { kind: 'failed'; error: string }
  | { kind: 'lost'; message: string };

export function createEngineHost(deps: EngineDeps, post: (r: EngineResponse) => void) {
  let state: InitState = { kind: 'none' };
  let queue: Promise<void> = Promise.resolve();
  const controllers = new Map<number, AbortController>();
  const modelJobs = deps.models ? createModelJobs(deps.models) : null;

  const onDeviceLost = (message: string) => {
    state = { kind: 'lost', message };
    post({ type: 'deviceLost', message });
  };

  async function init(id: number, order: BackendName[] | undefined): Promise<EngineResponse> {
    // tfjs cannot switch to another first choice cleanly (a failed wasm init cannot even be
    // retried): a second init repeats the first answer; restarting means a new worker.
    if (state.kind === 'ready') return { type: 'ready', id, report: state.report };
    if (state.kind === 'failed') return { type: 'initFailed', id, error: state.error };
    if (state.kind === 'lost') return { type: 'initFailed', id, error: state.message };
    try {
      const report = await deps.init(order, onDeviceLost);
      state = { kind: 'ready', report };
      return { type: 'ready', id, report };
    } catch (err) {
      state = { kind: 'failed', error: messageOf(err) };
      return { type: 'initFailed', id, error: state.error };
    }
  }

  function notReady(): string | null {
    if (state.kind === 'none') return 'the engine has not started: send init first';
    if (state.kind === 'failed') return `the engine failed to start: ${state.error}`;
    if (state.kind === 'lost') return `${state.message}; restart the engine`;
    return null;
  }

  const lost = () => (state.kind === 'lost' ? state.message : null);
  const failed = (id: number, message: string): ErrorResponse => ({ type: 'error', id, message });
  const sweepContext = (id: number, signal: AbortSignal, report: BackendReport) => ({
    id,
    report,
    post,
    cancelled: () => signal.aborted,
    lost,
  });
  const modelContext = (signal: AbortSignal, report: BackendReport) => ({
    limits: report.limits,
    cancelled: () => signal.aborted,
  });

  /** Each job but init, given a started engine; a job of the table without one fails to compile. */
  const handlers: JobHandlers = {
    async crossCheck({ id, n, d, heads, seed, causal }, signal) {
      const onProgress: CrossCheckHooks['onProgress'] = (p) => post({ type: 'progress', id, ...p });
      const report = await deps.crossCheck({ n, d, heads, seed, causal }, { onProgress, signal });
      return { type: 'crossCheckResult', id, ...report };
    },
    async sweep(req, signal, report) {
      if (!deps.sweeps) return failed(req.id, 'sweeps are not available');
      const ctx = sweepContext(req.id, signal, report);
      return { type: 'sweepResult', id: req.id, ...(await sweepJob(req, deps.sweeps, ctx)) };
    },
    async paramSweep(req, signal, report) {
      if (!deps.sweeps) return failed(req.id, 'sweeps are not available');
      const ctx = sweepContext(req.id, signal, report);
      return {
        type: 'paramSweepResult',
        id: req.id,
        ...(await paramSweepJob(req, deps.sweeps, ctx)),
      };
    },
    async hardness(req, signal, report) {
      if (!deps.hardness) return failed(req.id, 'hardness jobs are not available');
      const ctx = {
        id: req.id,
        backend: report.name,
        progress: (p: HardnessProgress) => post({ type: 'hardnessProgress', id: req.id, ...p }),
        cancelled: () => signal.aborted,
        lost,
      };
      return {
        type: 'hardnessResult',
        id: req.id,
        ...(await hardnessJob(req, deps.hardness, ctx)),
      };
    },
    async layerTrace(req, signal, report) {
      if (!modelJobs) return failed(req.id, 'model jobs are not available');
      const outcome = await modelJobs.layerTrace(req, modelContext(signal, report));
      return { type: 'layerTraceResult', id: req.id, ...outcome };
    },
    async attentionMap(req, _signal, report) {
      if (!deps.attentionMap) return failed(req.id, 'attention maps are not available');
      const weights = await deps.attentionMap(req, report.limits);
      const { variant, q } = req;
      return { type: 'attentionMapResult', id: req.id, variant, heads: q.heads, n: q.n, weights };
    },
    async userKernel(req, _signal, report) {
      if (!deps.userKernel) return failed(req.id, 'your own kernel is not available here');
      if (report.name !== 'webgpu') {
        return failed(
          req.id,
          `your own kernel runs on WebGPU only; this engine runs on ${report.name}`,
        );
      }
      return { type: 'userKernelResult', id: req.id, ...(await deps.userKernel(req)) };
    },
    async layerAccuracy(req, signal, report) {
      if (!modelJobs) return failed(req.id, 'model jobs are not available');
      const outcome = await modelJobs.layerAccuracy(req, modelContext(signal, report));
      return { type: 'layerAccuracyResult', id: req.id, ...outcome };
    },
  };

  // Generic so that the handler looked up is the one for this request's type.
  function runJob<T extends HandledJob>(
    type: T,
    req: RequestOf<T>,
    signal: AbortSignal,
    report: BackendReport,
  ) {
    return handlers[type](req, signal, report);
  }

  async function run(req: JobRequest, signal: AbortSignal): Promise<EngineResponse> {
    if (signal.aborted) return { type: 'cancelled', id: req.id };
    if (req.type === 'init') return init(req.id, req.order);
    const problem = notReady();
    if (problem || state.kind !== 'ready') {
      return { type: 'error', id: req.id, message: problem ?? 'the engine is not ready' };
    }
    return runJob(req.type, req, signal, state.report);
  }

  function enqueue(req: JobRequest): void {
    const controller = new AbortController();
    controllers.set(req.id, controller);
    queue = queue.then(async () => {
      let reply: EngineResponse;
      try {
        reply = await run(req, controller.signal);
      } catch (err) {
        reply = controller.signal.aborted
          ? { type: 'cancelled', id: req.id }
          : { type: 'error', id: req.id, message: messageOf(err) };
      }
      controllers.delete(req.id);
      post(reply);
    });
  }

  /** Handle one raw message (what the worker's onmessage receives). */
  return function handle(data: unknown): void {
    const parsed = parseRequest(data);
    if (!parsed.ok) {
      const id = typeof data === 'object' && data && 'id' in data ? data.id : null;
      post({
        type: 'error',
        id: Number.isSafeInteger(id) ? (id as number) : null,
        message: parsed.error,
      });
      return;
    }
    const req = parsed.request;
    if (req.type === 'cancel') {
      controllers.get(req.id)?.abort(new Error('cancelled'));
      return;
    }
    if (controllers.has(req.id)) {
      // id null: the running job with this id must not be failed by the duplicate.
      post({ type: 'error', id: null, message: `job id ${req.id} is already in use` });
      return;
    }
    enqueue(req);
  };
}
