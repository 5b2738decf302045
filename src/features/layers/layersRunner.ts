import { type EngineJobHandle, startEngineJob } from '../../session/engineJob';
import { useEngineStore } from '../../session/engineStore';
import type { Job } from '../../worker/engineClient';
import { RUN_DELAY_MS } from './layersConfig';
import { type LayersEngine, layersEngine } from './layersEngine';
import { type LayersState, type RunState, useLayersStore } from './layersStore';
import { type Plan, planAccuracy, planTrace } from './runPlan';

/**
 * Runs the layer explorer: on open and after every change (debounced), plans the trace and the
 * accuracy run, refuses what cannot run (the reason shown in place), skips what is already
 * shown, cancels a stale job, and writes results and errors to the store. The last good trace
 * stays on screen while a new one runs or when the input is refused.
 */

type Slot = 'trace' | 'accuracy';

export function startLayersRunner(
  engine: () => Promise<LayersEngine> = layersEngine,
  delayMs = RUN_DELAY_MS,
): () => void {
  const jobs: Record<Slot, EngineJobHandle | null> = { trace: null, accuracy: null };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const store = useLayersStore;
  const update = (slot: Slot, patch: Partial<RunState<never>>) =>
    store.setState((s) => ({ [slot]: { ...s[slot], ...patch } }) as Partial<LayersState>);
  const drop = (slot: Slot) => {
    jobs[slot]?.drop();
    jobs[slot] = null;
  };

  /** Settles when the job has ended (not when it is dropped for a newer one). */
  const launch = <R extends { model: string }, T>(
    slot: Slot,
    plan: Plan<R>,
    start: (e: LayersEngine, r: R) => Job<T>,
  ) => {
    const current = store.getState()[slot];
    if (!plan.ok) {
      drop(slot);
      update(slot, { status: 'refused', key: null, error: plan.reason });
      return Promise.resolve();
    }
    if (current.key === plan.key && current.status !== 'failed') return Promise.resolve();
    drop(slot);
    update(slot, { status: 'running', key: plan.key, error: null });
    const began = performance.now();
    return new Promise<void>((ended) => {
      jobs[slot] = startEngineJob(engine, (e) => start(e, plan.request), {
        onResult: (result) => {
          update(slot, {
            status: 'done',
            result: result as never,
            ms: performance.now() - began,
            model: plan.request.model,
          });
          ended();
        },
        onEnding: ({ status, error }) => {
          if (status === 'failed') update(slot, { status: 'failed', error });
          ended();
        },
      });
    });
  };

  const run = () => {
    timer = null;
    const { config, models } = store.getState();
    if (stopped || models.status !== 'loaded') return;
    const backend = useEngineStore.getState().engine.report?.name ?? null;
    const trace = planTrace(config, models.list, backend);
    const accuracy = planAccuracy(config, models.list, backend);
    // A batch score for settings that changed is stale: stop it so the trace need not queue behind it.
    const scoring = store.getState().accuracy;
    if (scoring.status === 'running' && scoring.key !== (accuracy.ok ? accuracy.key : null)) {
      drop('accuracy');
      update('accuracy', { status: 'idle', key: null });
    }
    // The trace first: the maps matter more than the batch score, and the worker runs one job at a time.
    void launch('trace', trace, (e, r) => e.trace(r)).then(() => {
      if (!stopped) void launch('accuracy', accuracy, (e, r) => e.accuracy(r));
    });
  };
  const schedule = (now = false) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(run, now ? 0 : delayMs);
  };

  store.getState().loadModels();
  const offStore = store.subscribe((s, prev) => {
    if (s.models !== prev.models) schedule(true);
    else if (s.config !== prev.config) schedule();
  });
  // A restarted engine (after a crash) or a new backend: run again.
  const offEngine = useEngineStore.subscribe((s, prev) => {
    if (s.engine.report !== prev.engine.report && s.engine.phase === 'ready') {
      store.setState((st) => ({
        trace: st.trace.status === 'failed' ? { ...st.trace, key: null } : st.trace,
        accuracy: st.accuracy.status === 'failed' ? { ...st.accuracy, key: null } : st.accuracy,
      }));
      schedule(true);
    }
  });
  schedule(true);
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    drop('trace');
    drop('accuracy');
    // A run cut short is not a result: reopening the screen runs it again.
    for (const slot of ['trace', 'accuracy'] as const) {
      if (store.getState()[slot].status === 'running') update(slot, { status: 'idle', key: null });
    }
    offStore();
    offEngine();
  };
}
