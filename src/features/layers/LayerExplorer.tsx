import { useEffect } from 'react';
import { LabStatusLine } from '../complexity';
import { AccuracyPanel } from './AccuracyPanel';
import { startLayersRunner } from './layersRunner';
import { useLayersStore } from './layersStore';
import { ModelPicker } from './ModelPicker';
import { RunStatus } from './RunStatus';
import { modelOf, tracedModel } from './runPlan';
import { SequenceInput } from './SequenceInput';
import { TraceViews } from './TraceViews';
import { VariantControl } from './VariantControl';
import '../complexity/lab.css';
import './layers.css';
import { NoticeList } from '../complexity';

/**
 * The layer explorer (`#screen=layers`): a small transformer trained on the copy task, run in
 * the worker with exact softmax or any engine variant; every head's attention, the residual
 * flow and the predictions, rerun on every change.
 */
export function LayerExplorer() {
  // The hash's notices are shown by the app frame; these came later (the model index).
  const notices = useLayersStore((s) => s.notices);
  const config = useLayersStore((s) => s.config);
  const models = useLayersStore((s) => s.models.list);
  const trace = useLayersStore((s) => s.trace);
  useEffect(() => startLayersRunner(), []);
  // The model as the shown trace ran it (a MoD model at the capacity it routed with).
  const shownModel = tracedModel(models, trace.model, trace.result) ?? modelOf(config, models);
  return (
    <div className="page layers">
      <LabStatusLine />
      <NoticeList notices={notices} />
      <section
        className="panel"
        aria-labelledby="layers-title"
        aria-busy={trace.status === 'running'}
      >
        <h2 id="layers-title">Layer explorer</h2>
        <p className="muted">
          A small transformer trained to copy: k distinct letters, “|”, the same letters again. Pick
          a model and the attention it runs with; every head's weights, the residual stream and the
          predictions update on every change.
        </p>
        <div className="layers-controls">
          <ModelPicker />
          <VariantControl />
          <SequenceInput />
        </div>
        <RunStatus />
      </section>
      {trace.result && shownModel ? (
        <div className={trace.status === 'running' ? 'layers-views running' : 'layers-views'}>
          <TraceViews trace={trace.result} model={shownModel} config={config} />
        </div>
      ) : (
        <section className="panel lab-empty" aria-live="polite">
          <p>
            {trace.status === 'running'
              ? 'The first forward pass is running; its maps appear here.'
              : 'The maps appear here after the first run.'}
          </p>
        </section>
      )}
      <AccuracyPanel />
    </div>
  );
}
