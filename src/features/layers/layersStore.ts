import { create } from 'zustand';
import { messageOf } from '../../core/messageOf';
import { detokenize, sampleSequences } from '../../core/model/task';
import type { AccuracyReport, ForwardTrace, ModelInfo } from '../../core/model/trace';
import { registerHashPart } from '../../shared/hashParts';
import { hashParams } from '../complexity/model/labHash';
import type { LayersConfig } from './layersConfig';
import { encodeLayers, ownsLayersKey, parseLayers, reconcileModel } from './layersHash';
import { loadModelIndex } from './modelIndex';

/**
 * The layer explorer's state: the controls (kept in the URL hash through a hash part), the
 * model index, and the last trace and accuracy results. Plain data only: traces hold typed
 * arrays read back from the worker, never tensors. The runner (layersRunner.ts) starts jobs.
 */

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'refused';

export interface RunState<T> {
  status: RunStatus;
  /** The request the result (or the run in flight) belongs to. */
  key: string | null;
  result: T | null;
  /** Why it failed or was refused. */
  error: string | null;
  ms: number | null;
  /** The model id the result was computed with. */
  model: string | null;
}

export interface ModelsState {
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  list: ModelInfo[];
  error: string | null;
}

export interface LayersState {
  config: LayersConfig;
  models: ModelsState;
  /** Notices found after the hash was read (a model id the index does not list). */
  notices: string[];
  /** Seed of the next "New sequence". */
  nextSeed: number;
  trace: RunState<ForwardTrace>;
  accuracy: RunState<AccuracyReport>;
  setConfig(patch: Partial<LayersConfig>): void;
  setParam(variant: string, name: string, value: number): void;
  newSequence(): void;
  selectHead(layer: number, head: number): void;
  loadModels(): void;
}

export const idleRun = <T>(): RunState<T> => ({
  status: 'idle',
  key: null,
  result: null,
  error: null,
  ms: null,
  model: null,
});

const initial = parseLayers(hashParams(globalThis.location?.hash ?? ''), null).config;

export const useLayersStore = create<LayersState>()((set, get) => ({
  config: initial,
  models: { status: 'idle', list: [], error: null },
  notices: [],
  nextSeed: 1,
  trace: idleRun(),
  accuracy: idleRun(),

  setConfig: (patch) => set((s) => ({ config: { ...s.config, ...patch } })),
  setParam: (variant, name, value) =>
    set((s) => ({
      config: {
        ...s.config,
        params: { ...s.config.params, [variant]: { ...s.config.params[variant], [name]: value } },
      },
    })),
  newSequence: () => {
    const seed = get().nextSeed;
    // Held-out sequences: the shipped models never saw them in training.
    const [tokens] = sampleSequences(1, seed, 'heldout');
    set((s) => ({ nextSeed: seed + 1, config: { ...s.config, text: detokenize(tokens) } }));
  },
  selectHead: (layer, head) => set((s) => ({ config: { ...s.config, layer, head } })),

  loadModels: () => {
    if (get().models.status === 'loading' || get().models.status === 'loaded') return;
    set({ models: { status: 'loading', list: [], error: null } });
    loadModelIndex().then(
      (list) => {
        const fixed = reconcileModel(get().config, list);
        set((s) => ({
          models: { status: 'loaded', list, error: null },
          config: fixed.config,
          notices: [...s.notices, ...fixed.notices],
        }));
      },
      (err: unknown) => set({ models: { status: 'failed', list: [], error: messageOf(err) } }),
    );
  },
}));

registerHashPart({
  name: 'layers',
  owns: ownsLayersKey,
  encode: () => encodeLayers(useLayersStore.getState().config),
  apply: (params) => {
    const models = useLayersStore.getState().models;
    const { config, notices } = parseLayers(
      params,
      models.status === 'loaded' ? models.list : null,
    );
    useLayersStore.setState({ config, notices: [] });
    return notices;
  },
  subscribe: (onChange) =>
    useLayersStore.subscribe((s, prev) => {
      if (s.config !== prev.config) onChange();
    }),
});
