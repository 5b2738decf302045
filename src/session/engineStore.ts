import { create } from 'zustand';
import { messageOf } from '../core/messageOf';
import type { BackendReport } from '../engine/backend';
import type { CrossCheckOptions, CrossCheckProgress, CrossCheckReport } from '../engine/crossCheck';
import { type EngineClient, EngineError } from '../worker/engineClient';
import { type BackendChoice, parseBackendParam } from './backendParam';
import {
  type EngineJobHandle,
  type EngineJobHandlers,
  type StartOn,
  startEngineJob,
} from './engineJob';
import { startEngine } from './engineWorker';

/**
 * The engine session every screen shares: the engine's phase and report, and the cross-check
 * run. Plain data only: the worker client lives in this module, outside the store, and no tensor
 * ever reaches the page.
 */

/** Small on purpose: a software GPU compiles a shader per kernel shape (≈1.5 s the first time). */
export const CHECK_OPTIONS: CrossCheckOptions = { n: 64, d: 16, heads: 2, seed: 1, causal: true };

export type EnginePhase = 'starting' | 'ready' | 'initFailed' | 'deviceLost' | 'crashed';

export interface EngineState {
  phase: EnginePhase;
  report: BackendReport | null;
  /** What went wrong, for initFailed, deviceLost and crashed. */
  error: string | null;
}

export type CheckStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface CheckState {
  status: CheckStatus;
  progress: CrossCheckProgress | null;
  report: CrossCheckReport | null;
  error: string | null;
}

export interface EngineSessionState {
  choice: BackendChoice;
  engine: EngineState;
  check: CheckState;
  startEngine(): void;
  /** The engine client once ready; restarts a lost, crashed or failed engine first. */
  readyEngine(): Promise<EngineClient>;
  restartEngine(): void;
  runCrossCheck(): void;
  cancelCrossCheck(): void;
}

const IDLE_CHECK: CheckState = { status: 'idle', progress: null, report: null, error: null };

let client: EngineClient | null = null;
/** Settles when the current client's init does (rejects when it fails or the worker crashes). */
let ready: Promise<EngineClient> | null = null;
let checkJob: EngineJobHandle | null = null;

export const useEngineStore = create<EngineSessionState>()((set, get) => {
  const setEngine = (engine: Partial<EngineState>) =>
    set((s) => ({ engine: { ...s.engine, ...engine } }));
  const setCheck = (check: Partial<CheckState>) =>
    set((s) => ({ check: { ...s.check, ...check } }));

  const boot = () => {
    const own = startEngine();
    client = own;
    const current = () => client === own;
    own.onDeviceLost((message) => {
      if (current()) setEngine({ phase: 'deviceLost', error: message });
    });
    own.onCrash((message) => {
      if (current()) setEngine({ phase: 'crashed', error: message });
    });
    setEngine({ phase: 'starting', report: null, error: null });
    const init = own.init(get().choice.order);
    ready = init.then(() => own);
    ready.catch(() => {}); // a failure is shown through the phase below
    init.then(
      (report) => current() && setEngine({ phase: 'ready', report }),
      (err: unknown) => {
        if (!current() || (err instanceof EngineError && err.kind === 'crashed')) return;
        setEngine({ phase: 'initFailed', error: messageOf(err) });
      },
    );
  };

  return {
    choice: parseBackendParam(globalThis.location?.search ?? '', globalThis.location?.hash ?? ''),
    engine: { phase: 'starting', report: null, error: null },
    check: IDLE_CHECK,

    startEngine: () => {
      if (!client) boot();
    },

    readyEngine: () => {
      const phase = get().engine.phase;
      if (!client || (phase !== 'ready' && phase !== 'starting')) get().restartEngine();
      return ready ?? Promise.reject(new Error('the engine did not start'));
    },

    restartEngine: () => {
      client?.terminate();
      client = null;
      checkJob?.drop();
      checkJob = null;
      set({ check: IDLE_CHECK });
      boot();
    },

    runCrossCheck: () => {
      const own = client;
      if (!own || get().engine.phase !== 'ready' || get().check.status === 'running') return;
      set({ check: { status: 'running', progress: null, report: null, error: null } });
      checkJob = startEngineJob(
        async () => own,
        (c, onProgress: (p: CrossCheckProgress) => void) => c.crossCheck(CHECK_OPTIONS, onProgress),
        {
          onProgress: (progress) => setCheck({ progress }),
          onResult: (report) => setCheck({ status: 'done', report }),
          onEnding: (ending) => setCheck(ending),
          // The client replaced a worker that did not yield: show the fresh engine's report.
          onFreshEngine: (fresh) => fresh.ok && setEngine({ report: fresh.report }),
        },
      );
    },

    cancelCrossCheck: () => checkJob?.cancel(),
  };
});

/** An engine job on the shared engine (started, or restarted when lost, first): see engineJob. */
export function runOnEngine<T, P = never>(
  start: StartOn<EngineClient, T, P>,
  handlers: EngineJobHandlers<T, P>,
): EngineJobHandle {
  return startEngineJob(() => useEngineStore.getState().readyEngine(), start, handlers);
}
