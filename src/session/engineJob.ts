import { messageOf } from '../core/messageOf';
import type { BackendReport } from '../engine/backend';
import { EngineStoppedError, type Job } from '../worker/engineClient';
import { type JobEnding, jobEnding } from './jobEnding';

/**
 * The one lifecycle of an engine job on every screen: get a ready engine (started or restarted
 * first), start the job, pass its progress on, and end it exactly once with a result or an
 * ending (cancelled or failed, told apart the same way everywhere). A cancel before the engine
 * is ready ends the job at once; after that it waits for the engine to stop at a call boundary,
 * so the partial result a job returns on cancel still arrives. When the engine had to be
 * stopped to honour a cancel, `onFreshEngine` says when its replacement has started.
 *
 * `drop` is for a job nobody is waiting for any more (a newer run, a closed screen): it cancels
 * and silences every handler.
 */

export interface EngineJobHandlers<T, P> {
  onProgress?(progress: P): void;
  onResult(result: T): void;
  /** `stopped`: the engine had to be stopped to honour a cancel (a fresh one is starting). */
  onEnding(ending: JobEnding, stopped: boolean): void;
  /** After a stopped ending: the fresh engine started (with its report) or did not (why). */
  onFreshEngine?(fresh: FreshEngine): void;
}

export type FreshEngine = { ok: true; report: BackendReport } | { ok: false; error: string };

export interface EngineJobHandle {
  cancel(): void;
  drop(): void;
  /** True until the job has ended or been dropped. */
  readonly live: boolean;
}

export type StartOn<C, T, P> = (engine: C, onProgress: (p: P) => void) => Job<T>;

export function startEngineJob<C, T, P = never>(
  ready: () => Promise<C>,
  start: StartOn<C, T, P>,
  handlers: EngineJobHandlers<T, P>,
): EngineJobHandle {
  let job: Job<T> | null = null;
  let live = true;
  const end = (f: () => void) => {
    if (!live) return;
    live = false;
    f();
  };
  const fail = (error: string) => end(() => handlers.onEnding({ status: 'failed', error }, false));

  ready().then(
    (engine) => {
      if (!live) return;
      try {
        job = start(engine, (p) => live && handlers.onProgress?.(p));
      } catch (err) {
        fail(messageOf(err));
        return;
      }
      job.result.then(
        (result) => end(() => handlers.onResult(result)),
        (err: unknown) =>
          end(() => {
            const stopped = err instanceof EngineStoppedError;
            handlers.onEnding(jobEnding(err), stopped);
            if (stopped && handlers.onFreshEngine) {
              const fresh = handlers.onFreshEngine;
              err.fresh.then(
                (report) => fresh({ ok: true, report }),
                (e: unknown) => fresh({ ok: false, error: messageOf(e) }),
              );
            }
          }),
      );
    },
    (err: unknown) => fail(`the engine did not start: ${messageOf(err)}`),
  );

  return {
    cancel() {
      if (!live) return;
      if (job) job.cancel();
      else end(() => handlers.onEnding({ status: 'cancelled', error: null }, false));
    },
    drop() {
      job?.cancel();
      live = false;
    },
    get live() {
      return live;
    },
  };
}
