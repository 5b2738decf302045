import { create } from 'zustand';
import { messageOf } from '../../core/messageOf';
import type { OwnKernel } from '../../core/userKernel/ownKernel';
import type { EngineJobHandle } from '../../session/engineJob';
import { runOnEngine, useEngineStore } from '../../session/engineStore';
import type { SweepJobConfig, SweepProgressInfo } from '../../worker/sweepProtocol';
import { kernelLateText, kernelPointWatch } from './kernelTimeLimit';
import {
  abortRun,
  applyProgress,
  finishRun,
  freshEngine,
  IDLE_RUN,
  type LabRun,
  lateKernelRun,
  requestCancel,
  startRun,
  stopRun,
} from './labRun';
import { engineKind } from './model/callEstimate';
import { type LabConfig, toJobConfig, withOwnKernel } from './model/labConfig';
import { parseLabHash, type Screen } from './model/labHash';
import {
  defaultSelection,
  fixSelection,
  IDLE_PARAM_RUN,
  type ParamRun,
  type ParamSelection,
} from './model/paramSweep';
import { etaPrior } from './model/runEta';
import { type OwnInput, withOwnInput } from './ownInputs';
import { loadPrecomputed, type ResultSet } from './precomputed';

/**
 * The complexity lab's state: config (every control), run (rows, fits, provenance, progress,
 * source), precomputed (the shipped run), ui (hidden series, frontier n, parameter sweep).
 * Plain data only; jobs go through the app store's engine client.
 */

type OwnFile = Blob & { name: string };

/** The researcher's own kernel in the lab's sweep, measured under its name beside the rest. */
export interface LabKernel {
  kernel: OwnKernel;
  /** 'link': it came in a link and is shown to the reader; it runs only when they press Run. */
  from: 'editor' | 'link';
  /** The editor's check that let it in (null for a kernel from a link: the sweep checks it). */
  check: { n: number; maxAbsError: number; exact: boolean } | null;
}

export interface LabUi {
  hidden: string[];
  /** n of the error-vs-time chart; null: the largest n measured. */
  frontierN: number | null;
  param: ParamSelection;
}

export interface PrecomputedState {
  state: 'idle' | 'loading' | 'loaded' | 'failed';
  error: string | null;
  set: ResultSet | null;
}

export interface LabState {
  screen: Screen;
  config: LabConfig;
  notices: string[];
  run: LabRun;
  precomputed: PrecomputedState;
  ui: LabUi;
  paramRun: ParamRun;
  /** Q, K, V from the user's file (null: generated inputs), and the config before it. */
  own: { input: OwnInput | null; synthetic: LabConfig | null; notice: string | null };
  kernel: LabKernel | null;
  setScreen(screen: Screen): void;
  setConfig(patch: Partial<LabConfig>): void;
  toggleVariant(id: string): void;
  setParam(variant: string, name: string, value: number): void;
  loadPrecomputed(): void;
  startSweep(): void;
  cancel(): void;
  toggleSeries(id: string): void;
  setFrontierN(n: number | null): void;
  setParamSelection(patch: Partial<ParamSelection>): void;
  runParamSweep(values: number[]): void;
  /** Read a .npz of q, k, v (or q.npy, k.npy, v.npy); a bad file only sets the notice. */
  loadOwnInput(files: OwnFile | readonly OwnFile[]): Promise<void>;
  /** Back to generated inputs and the settings from before the file. */
  useSyntheticInputs(): void;
  /** Put a kernel in the sweep (replacing one there), or take it out (null). */
  setKernel(kernel: LabKernel | null): void;
}

let sweepJob: EngineJobHandle | null = null;
let paramJob: EngineJobHandle | null = null;

const initial = parseLabHash(globalThis.location?.hash ?? '');

/** The request of a config, with the user's file when one is loaded and their kernel if any. */
export function jobConfigOf(
  config: LabConfig,
  own: OwnInput | null,
  kernel: OwnKernel | null = null,
): SweepJobConfig {
  const job = own ? { ...toJobConfig(config), inputFile: own.info } : toJobConfig(config);
  return withOwnKernel(job, kernel);
}

export const useLabStore = create<LabState>()((set, get) => ({
  screen: initial.screen,
  config: initial.config,
  notices: initial.notices,
  run: IDLE_RUN,
  precomputed: { state: 'idle', error: null, set: null },
  ui: {
    hidden: [],
    frontierN: initial.frontierN,
    param: initial.param ?? defaultSelection(initial.config),
  },
  paramRun: IDLE_PARAM_RUN,
  own: { input: null, synthetic: null, notice: null },
  kernel: null,

  setScreen: (screen) => set({ screen }),
  setConfig: (patch) => set((s) => ({ config: { ...s.config, ...patch } })),
  toggleVariant: (id) =>
    set((s) => {
      const has = s.config.variants.includes(id);
      const variants = has ? s.config.variants.filter((v) => v !== id) : [...s.config.variants, id];
      return { config: { ...s.config, variants } };
    }),
  setParam: (variant, name, value) =>
    set((s) => ({
      config: {
        ...s.config,
        params: { ...s.config.params, [variant]: { ...s.config.params[variant], [name]: value } },
      },
    })),

  loadPrecomputed: () => {
    if (get().precomputed.state !== 'idle') return;
    set({ precomputed: { state: 'loading', error: null, set: null } });
    loadPrecomputed().then(
      (result) => {
        set({ precomputed: { state: 'loaded', error: null, set: result } });
        // Shown only while the user has not started a run of their own.
        if (get().run.source === null)
          set({ run: { ...IDLE_RUN, source: 'precomputed', ...result } });
      },
      (err: unknown) => set({ precomputed: { state: 'failed', error: messageOf(err), set: null } }),
    );
  },

  startSweep: () => {
    if (get().run.status === 'running' || get().paramRun.status === 'running') return;
    const own = get().own.input;
    const config = jobConfigOf(get().config, own, get().kernel?.kernel);
    const report = useEngineStore.getState().engine.report;
    // Before the engine reports its kind, assume the slowest (a software GPU).
    const prior = etaPrior(report ? engineKind(report) : 'softwareGpu');
    set({ run: startRun(config, performance.now(), prior) });
    const update = (f: (r: LabRun) => LabRun) => set((s) => ({ run: f(s.run) }));
    // The user's kernel may loop for ever: past its time limit the engine is stopped.
    let late: string | null = null;
    const kernel = config.ownKernel;
    const watch = kernel
      ? kernelPointWatch(kernel.name, config.repeats, (n) => {
          late = kernelLateText(kernel.name, n);
          sweepJob?.cancel();
        })
      : null;
    sweepJob = runOnEngine(
      (client, onProgress: (p: SweepProgressInfo) => void) =>
        client.sweep(config, onProgress, own?.inputs),
      {
        onProgress: (p) => {
          watch?.progress(p);
          update((r) => applyProgress(r, p, performance.now()));
        },
        onResult: (outcome) => {
          watch?.stop();
          update((r) => finishRun(r, outcome, performance.now()));
        },
        onEnding: ({ status, error }, stopped) => {
          watch?.stop();
          // A stopped worker is said so, and again once the fresh one has started.
          update((r) => {
            const now = performance.now();
            if (late !== null) return lateKernelRun(r, late, now);
            return stopped ? stopRun(r, now) : abortRun(r, status, error, now);
          });
        },
        onFreshEngine: (fresh) => update((r) => freshEngine(r, fresh.ok ? null : fresh.error)),
      },
    );
  },

  cancel: () => {
    if (get().run.status === 'running') {
      set((s) => ({ run: requestCancel(s.run) }));
      sweepJob?.cancel();
    }
    if (get().paramRun.status === 'running') paramJob?.cancel();
  },

  toggleSeries: (id) =>
    set((s) => {
      const hidden = s.ui.hidden.includes(id)
        ? s.ui.hidden.filter((h) => h !== id)
        : [...s.ui.hidden, id];
      return { ui: { ...s.ui, hidden } };
    }),
  setFrontierN: (frontierN) => set((s) => ({ ui: { ...s.ui, frontierN } })),
  setParamSelection: (patch) =>
    set((s) => ({ ui: { ...s.ui, param: fixSelection({ ...s.ui.param, ...patch }) } })),

  runParamSweep: (values) => {
    if (get().run.status === 'running' || get().paramRun.status === 'running') return;
    const selection = get().ui.param;
    const own = get().own.input;
    const base = jobConfigOf({ ...get().config, variants: [selection.variant] }, own);
    const config = { ...base, ns: [selection.n] };
    const setRun = (patch: Partial<ParamRun>) =>
      set((s) => ({ paramRun: { ...s.paramRun, ...patch } }));
    set({ paramRun: { ...IDLE_PARAM_RUN, status: 'running', selection } });
    const body = { config, param: selection.param, values, inputs: own?.inputs };
    paramJob = runOnEngine(
      (client, onProgress: (p: SweepProgressInfo) => void) => client.paramSweep(body, onProgress),
      {
        onProgress: (p) => {
          const points =
            p.phase === 'done' && p.row && p.value !== undefined
              ? [...get().paramRun.points, { value: p.value, row: p.row }]
              : get().paramRun.points;
          setRun({ progress: { step: p.step, total: p.total, value: p.value }, points });
        },
        onResult: (o) => {
          const status = o.error ? 'failed' : o.cancelled ? 'cancelled' : 'done';
          setRun({ status, points: o.points, error: o.error ?? null, progress: null });
        },
        onEnding: ({ status, error }) => setRun({ status, error, progress: null }),
      },
    );
  },

  loadOwnInput: (files) =>
    import('./ownInputFile')
      .then((reader) => reader.readOwnInputs(Array.isArray(files) ? files : [files]))
      .then(
        (input) =>
          set((s) => {
            const config = withOwnInput(s.config, input);
            // The parameter sweep's n too stays within the file's rows.
            const param = { ...s.ui.param, n: Math.min(s.ui.param.n, config.nMax) };
            return {
              config,
              own: { input, synthetic: s.own.synthetic ?? s.config, notice: null },
              ui: { ...s.ui, param },
            };
          }),
        (err: unknown) => set((s) => ({ own: { ...s.own, notice: messageOf(err) } })),
      ),

  useSyntheticInputs: () =>
    set((s) => {
      const before = s.own.synthetic;
      // The sizes the file fixed go back to what they were; other changes stay.
      const sizes = before
        ? { nMin: before.nMin, nMax: before.nMax, d: before.d, heads: before.heads }
        : {};
      return {
        config: { ...s.config, ...sizes },
        own: { input: null, synthetic: null, notice: null },
      };
    }),

  setKernel: (kernel) => set({ kernel }),
}));

// A lost device or a crashed worker ends a running sweep at once; its rows stay.
useEngineStore.subscribe((s, prev) => {
  if (s.engine.phase === prev.engine.phase) return;
  if (s.engine.phase !== 'deviceLost' && s.engine.phase !== 'crashed') return;
  const why =
    s.engine.error ??
    (s.engine.phase === 'deviceLost' ? 'the GPU device was lost' : 'the engine stopped');
  sweepJob?.drop();
  useLabStore.setState((lab) => ({ run: abortRun(lab.run, 'failed', why, performance.now()) }));
  if (useLabStore.getState().paramRun.status === 'running') {
    paramJob?.drop();
    useLabStore.setState((lab) => ({
      paramRun: { ...lab.paramRun, status: 'failed', error: why, progress: null },
    }));
  }
});
