import type { AccuracyReport, ForwardTrace } from '../../core/model/trace';
import { useEngineStore } from '../../session/engineStore';
import type { Job } from '../../worker/engineClient';
import { MODEL_INDEX_URL } from './modelIndex';
import type { AccuracyRequest, TraceRequest } from './runPlan';

/** The two worker jobs the layer explorer uses, behind one small interface (tests fake it). */
export interface LayersEngine {
  trace(request: TraceRequest): Job<ForwardTrace>;
  accuracy(request: AccuracyRequest): Job<AccuracyReport>;
}

/** Absolute URL of the models folder, as the worker wants it (the page may live in a sub-path). */
export const modelsUrl = () =>
  new URL(MODEL_INDEX_URL.replace(/[^/]*$/, ''), document.baseURI).href;

/** The app's engine client once ready (restarted first when it was lost or crashed). */
export async function layersEngine(): Promise<LayersEngine> {
  const client = await useEngineStore.getState().readyEngine();
  const url = modelsUrl();
  const map = <A, B>(job: Job<A>, f: (a: A) => B): Job<B> => ({
    ...job,
    result: job.result.then(f),
  });
  return {
    trace: (r) => map(client.layerTrace({ ...r, modelsUrl: url }), (o) => o.trace),
    accuracy: (r) => map(client.layerAccuracy({ ...r, modelsUrl: url }), (o) => o.report),
  };
}
