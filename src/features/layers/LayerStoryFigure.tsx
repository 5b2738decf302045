import { useEffect, useMemo, useState } from 'react';
import { WaterfallChart } from '../../charts/WaterfallChart';
import { tokenize } from '../../core/model/task';
import type { ForwardTrace, ModelInfo } from '../../core/model/trace';
import { shareParts, shareSum } from './flowData';
import { DEFAULT_TEXT } from './layersConfig';
import { layersEngine } from './layersEngine';
import { loadModelIndex } from './modelIndex';
import { FlowBars } from './ResidualFlow';
import './layers.css';

type FigureState =
  | { status: 'running' }
  | { status: 'done'; trace: ForwardTrace; model: ModelInfo }
  | { status: 'failed'; error: string };

/**
 * For the guided story: the residual flow of the default model on a fixed copy-task sequence
 * (stream norm, relative updates, additive shares), from its own trace in the engine.
 */
export function LayerStoryFigure() {
  const [state, setState] = useState<FigureState>({ status: 'running' });
  useEffect(() => {
    let live = true;
    let cancel: (() => void) | null = null;
    (async () => {
      const [model] = await loadModelIndex();
      if (!model) throw new Error('no model is listed');
      const engine = await layersEngine();
      const job = engine.trace({
        model: model.id,
        variant: 'dense',
        params: {},
        tokens: tokenize(DEFAULT_TEXT).tokens,
      });
      cancel = job.cancel;
      const trace = await job.result;
      if (live) setState({ status: 'done', trace, model });
    })().catch((err: unknown) => {
      if (live)
        setState({ status: 'failed', error: err instanceof Error ? err.message : String(err) });
    });
    return () => {
      live = false;
      cancel?.();
    };
  }, []);
  const parts = useMemo(() => (state.status === 'done' ? shareParts(state.trace) : []), [state]);
  if (state.status === 'running') {
    return (
      <p className="loading" role="status">
        <span className="layers-spinner" aria-hidden="true" /> Running {DEFAULT_TEXT} through the
        model in the worker…
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <p className="notice error" role="alert">
        The residual-flow figure could not run: {state.error}
      </p>
    );
  }
  const { trace, model } = state;
  return (
    <figure
      className="layers-story-figure"
      aria-label={`Residual flow of ${model.label} on ${DEFAULT_TEXT}`}
    >
      <div className="flow-grid">
        <FlowBars trace={trace} model={model} />
        <WaterfallChart
          title={`Additive shares of the final stream (Σ = ${shareSum(trace).toFixed(4)})`}
          parts={parts}
          format={(v) => v.toFixed(3)}
        />
      </div>
      <figcaption className="chart-note">
        {model.label}
        {model.trained ? '' : ' (untrained weights)'} on “{DEFAULT_TEXT}”, exact softmax. Open the
        layer explorer for every head, the rollout and other models.
      </figcaption>
    </figure>
  );
}
