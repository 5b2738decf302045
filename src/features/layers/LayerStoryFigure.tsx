import { useEffect, useMemo, useState } from 'react';
import { WaterfallChart } from '../../charts/WaterfallChart';
import { messageOf } from '../../core/messageOf';
import { tokenChar, tokenize } from '../../core/model/task';
import type { ForwardTrace, ModelInfo } from '../../core/model/trace';
import { DepthViews } from './DepthViews';
import { shareParts, shareSum } from './flowData';
import { DEFAULT_TEXT } from './layersConfig';
import { layersEngine } from './layersEngine';
import { loadModelIndex } from './modelIndex';
import { FlowBars } from './ResidualFlow';
import './layers.css';

/** `flow`: stream norms, updates and additive shares; `depth`: AttnRes α, MoD routing, MoDA mass. */
export type LayerStoryView = 'flow' | 'depth';

interface ModelRun {
  model: ModelInfo;
  trace: ForwardTrace;
}

type FigureState =
  | { status: 'running' }
  | { status: 'done'; runs: ModelRun[]; missing: string[] }
  | { status: 'failed'; error: string };

/**
 * For the guided story: several shipped models side by side on one fixed copy-task sequence,
 * each traced in the worker with exact softmax, so the step compares them (PreNorm against
 * PostNorm, or the depth-mixing models). Models absent from the index are named, not hidden.
 */
export function LayerStoryFigure({
  models,
  view,
}: {
  models: readonly string[];
  view: LayerStoryView;
}) {
  const [state, setState] = useState<FigureState>({ status: 'running' });
  const key = models.join(',');
  useEffect(() => {
    let live = true;
    let cancel: (() => void) | null = null;
    (async () => {
      const index = await loadModelIndex();
      const engine = await layersEngine();
      const ids = key.split(',');
      const runs: ModelRun[] = [];
      for (const id of ids) {
        const model = index.find((m) => m.id === id);
        if (!model || !live) continue;
        const job = engine.trace({
          model: model.id,
          variant: 'dense',
          params: {},
          tokens: tokenize(DEFAULT_TEXT).tokens,
        });
        cancel = job.cancel;
        runs.push({ model, trace: await job.result });
      }
      const missing = ids.filter((id) => !index.some((m) => m.id === id));
      if (live) setState({ status: 'done', runs, missing });
    })().catch((err: unknown) => {
      if (live) setState({ status: 'failed', error: messageOf(err) });
    });
    return () => {
      live = false;
      cancel?.();
    };
  }, [key]);
  if (state.status === 'running') {
    return (
      <p className="loading" role="status">
        <span className="layers-spinner" aria-hidden="true" /> Running {DEFAULT_TEXT} through the
        models in the worker…
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <p className="notice error" role="alert">
        The layer figure could not run: {state.error}
      </p>
    );
  }
  return (
    <div className="layers-story-figures">
      {state.missing.length > 0 ? (
        <p className="notice warn">Not in the shipped model index: {state.missing.join(', ')}.</p>
      ) : null}
      {state.runs.map((run) =>
        view === 'flow' ? (
          <FlowFigure key={run.model.id} {...run} />
        ) : (
          <DepthViews
            key={run.model.id}
            trace={run.trace}
            model={run.model}
            labels={run.trace.tokens.map(tokenChar)}
            title={run.model.label}
          />
        ),
      )}
      <p className="chart-note">
        Each model on “{DEFAULT_TEXT}”, exact softmax. Open the layer explorer for every head, the
        rollout and the attention variants.
      </p>
    </div>
  );
}

function FlowFigure({ model, trace }: ModelRun) {
  const parts = useMemo(() => shareParts(trace), [trace]);
  return (
    <figure className="layers-story-figure" aria-label={`Residual flow of ${model.label}`}>
      <figcaption className="layers-story-title">
        {model.label}
        {model.trained ? '' : ' (untrained weights)'}
      </figcaption>
      <div className="flow-grid">
        <FlowBars trace={trace} model={model} />
        <WaterfallChart
          title={`Additive shares of the final stream (Σ = ${shareSum(trace).toFixed(4)})`}
          parts={parts}
          format={(v) => v.toFixed(3)}
        />
      </div>
    </figure>
  );
}
