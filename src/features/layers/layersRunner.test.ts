import { afterEach, describe, expect, it } from 'vitest';
import type { AccuracyReport, ForwardTrace } from '../../core/model/trace';
import { EngineError, type Job } from '../../worker/engineClient';
import { DEFAULT_LAYERS_CONFIG } from './layersConfig';
import type { LayersEngine } from './layersEngine';
import { startLayersRunner } from './layersRunner';
import { idleRun, useLayersStore } from './layersStore';
import type { AccuracyRequest, TraceRequest } from './runPlan';
import { fakeModel, fakeTrace } from './testing/fakeTrace';

const model = fakeModel();
const settle = () => new Promise((r) => setTimeout(r, 20));

function fakeEngine() {
  const calls: { traces: TraceRequest[]; accuracies: AccuracyRequest[]; cancels: number } = {
    traces: [],
    accuracies: [],
    cancels: 0,
  };
  const job = <T>(value: T): Job<T> => ({
    id: 1,
    result: Promise.resolve(value),
    cancel: () => calls.cancels++,
  });
  const engine: LayersEngine = {
    trace: (r) => {
      calls.traces.push(r);
      return job<ForwardTrace>(fakeTrace(model, r.tokens, r.variant));
    },
    accuracy: (r) => {
      calls.accuracies.push(r);
      const report: AccuracyReport = {
        ...r,
        model: r.model,
        exactAccuracy: 1,
        variantAccuracy: 0.5,
      };
      return job(report);
    },
  };
  return { engine, calls };
}

function reset() {
  useLayersStore.setState({
    config: { ...DEFAULT_LAYERS_CONFIG, text: 'CAFE|CAFE' },
    models: { status: 'loaded', list: [model], error: null },
    notices: [],
    trace: idleRun(),
    accuracy: idleRun(),
  });
}

describe('layers runner', () => {
  let stop: (() => void) | null = null;
  afterEach(() => stop?.());

  it('runs on start, then the accuracy; results land in the store', async () => {
    reset();
    const { engine, calls } = fakeEngine();
    stop = startLayersRunner(async () => engine, 0);
    await settle();
    expect(calls.traces).toHaveLength(1);
    expect(calls.accuracies).toHaveLength(1);
    const s = useLayersStore.getState();
    expect(s.trace.status).toBe('done');
    expect(s.trace.model).toBe('prenorm');
    expect(s.trace.result?.tokens).toHaveLength(9);
    expect(s.accuracy.result?.variantAccuracy).toBe(0.5);
  });

  it('a new text reruns the trace only; the same settings run nothing', async () => {
    reset();
    const { engine, calls } = fakeEngine();
    stop = startLayersRunner(async () => engine, 0);
    await settle();
    useLayersStore.getState().setConfig({ text: 'BAD|BAD', layer: 0, head: 1 });
    await settle();
    expect(calls.traces).toHaveLength(2);
    expect(calls.accuracies).toHaveLength(1);
    useLayersStore.getState().setConfig({ head: 0 });
    await settle();
    expect(calls.traces).toHaveLength(2);
  });

  it('refuses before running, keeping the last trace on screen', async () => {
    reset();
    const { engine, calls } = fakeEngine();
    stop = startLayersRunner(async () => engine, 0);
    await settle();
    useLayersStore.getState().setConfig({ variant: 'linformer' });
    await settle();
    const s = useLayersStore.getState();
    expect(calls.traces).toHaveLength(1);
    expect(s.trace.status).toBe('refused');
    expect(s.trace.error).toContain('cannot be causal');
    expect(s.trace.result).not.toBeNull();
    expect(s.accuracy.status).toBe('refused');
  });

  it('an engine failure is shown in place, and the next change tries again', async () => {
    reset();
    let fail = true;
    const { engine, calls } = fakeEngine();
    const flaky: LayersEngine = {
      ...engine,
      trace: (r) =>
        fail
          ? {
              id: 2,
              cancel: () => {},
              result: Promise.reject(new EngineError('error', 'device lost')),
            }
          : engine.trace(r),
    };
    stop = startLayersRunner(async () => flaky, 0);
    await settle();
    expect(useLayersStore.getState().trace).toMatchObject({
      status: 'failed',
      error: 'device lost',
    });
    fail = false;
    useLayersStore.getState().setConfig({ grid: 'difference' });
    await settle();
    expect(useLayersStore.getState().trace.status).toBe('done');
    expect(calls.traces).toHaveLength(1);
  });
});
