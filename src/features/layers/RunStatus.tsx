import { detokenize } from '../../core/model/task';
import { findSpec } from '../../core/variantSpecs';
import { useLayersStore } from './layersStore';
import { tracedModel } from './runPlan';
import { TraceDownload } from './TraceDownload';

const labelOf = (id: string) => findSpec(id)?.label ?? id;

/**
 * One line under the controls: running, done (how long, and the download), refused or failed
 * (why, in place).
 */
export function RunStatus() {
  const trace = useLayersStore((s) => s.trace);
  const models = useLayersStore((s) => s.models.status);
  const list = useLayersStore((s) => s.models.list);
  const shown = trace.result;
  const model = tracedModel(list, trace.model, shown);
  const stale = shown && trace.status !== 'done' && trace.status !== 'running';
  return (
    <div className="layers-status" data-testid="layers-status" aria-live="polite">
      {trace.status === 'running' ? (
        <p className="loading" role="status">
          <span className="layers-spinner" aria-hidden="true" /> Running the forward pass in the
          worker…
        </p>
      ) : null}
      {trace.status === 'done' && shown ? (
        <div className="layers-done">
          <p className="muted">
            Done in {Math.round(trace.ms ?? 0)} ms: {shown.tokens.length} tokens through{' '}
            {shown.layers.length} layers with {labelOf(shown.variant)}
            {shown.seed === undefined ? '' : ` (seed ${shown.seed})`}.
          </p>
          {model ? <TraceDownload trace={shown} model={model} /> : null}
        </div>
      ) : null}
      {trace.status === 'idle' && models === 'loaded' ? (
        <p className="loading">Waiting to run…</p>
      ) : null}
      {trace.status === 'failed' ? (
        <p className="notice error" role="alert">
          <strong>The run failed:</strong> {trace.error}
        </p>
      ) : null}
      {trace.status === 'refused' ? (
        <p className="muted" data-testid="run-refused">
          Not run: {trace.error}
        </p>
      ) : null}
      {stale ? (
        <p className="muted">
          The views below still show the last run: “{detokenize(shown.tokens)}” with{' '}
          {labelOf(shown.variant)}.
        </p>
      ) : null}
    </div>
  );
}
