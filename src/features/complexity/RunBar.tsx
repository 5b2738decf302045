import { useState } from 'react';
import { useEngineStore } from '../../session/engineStore';
import { useNow } from '../../shared/useNow';
import { buildCsv, buildJson, download, exportName } from './exportResults';
import { progressText, statusText } from './labRun';
import { useLabStore } from './labStore';
import { CONFIRM_CALL_S, slowCallText, slowestCall } from './model/callEstimate';
import { configProblem } from './model/labConfig';

/** Run and Cancel, the progress bar, the run's status line, and the downloads. */
export function RunBar() {
  const run = useLabStore((s) => s.run);
  const paramRunning = useLabStore((s) => s.paramRun.status === 'running');
  const config = useLabStore((s) => s.config);
  const kernel = useLabStore((s) => s.kernel?.kernel ?? null);
  const start = useLabStore((s) => s.startSweep);
  const cancel = useLabStore((s) => s.cancel);
  const report = useEngineStore((s) => s.engine.report);
  const limits = report?.limits ?? null;
  const backend = report?.name;
  const phase = useEngineStore((s) => s.engine.phase);
  const [confirming, setConfirming] = useState(false);
  const running = run.status === 'running';
  const now = useNow(running);
  const cancelling = running && run.cancelRequested === true;
  const problem = configProblem(config, limits, backend);
  const slow = report ? slowestCall(config, report) : null;
  const onRun = () => {
    if (slow && slow.seconds > CONFIRM_CALL_S) setConfirming(true);
    else start();
  };
  const p = run.progress;
  const status = statusText(run);
  const hasRows = run.rows.length > 0;
  const exportInput = {
    config: run.config,
    rows: run.rows,
    fits: run.fits,
    provenance: run.provenance,
  };
  return (
    <div className="lab-run">
      <div className="actions">
        <button
          type="button"
          className="button primary"
          onClick={onRun}
          disabled={
            running || paramRunning || problem !== null || phase === 'starting' || confirming
          }
        >
          Run
        </button>
        <button
          type="button"
          className="button"
          onClick={cancel}
          disabled={(!running && !paramRunning) || cancelling}
        >
          Cancel
        </button>
        <span className="lab-run-spacer" />
        <button
          type="button"
          className="button"
          disabled={!hasRows || running}
          onClick={() => download(buildJson(exportInput), exportName('json'), 'application/json')}
        >
          Download JSON
        </button>
        <button
          type="button"
          className="button"
          disabled={!hasRows || running}
          onClick={() => download(buildCsv(exportInput), exportName('csv'), 'text/csv')}
        >
          Download CSV
        </button>
      </div>
      {problem ? <p className="muted">{problem}</p> : null}
      {kernel ? (
        <p className="muted" data-testid="run-includes-kernel">
          Run includes your own kernel <strong>{kernel.name}</strong> (its source is under “Your own
          kernel (WGSL)” below).
        </p>
      ) : null}
      {confirming && slow ? (
        <div
          className="notice warn"
          role="alertdialog"
          aria-label="Slow call"
          data-testid="slow-call"
        >
          <p>{slowCallText(slow)}</p>
          <div className="actions">
            <button
              type="button"
              className="button primary"
              onClick={() => {
                setConfirming(false);
                start();
              }}
            >
              Run anyway
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Back
            </button>
          </div>
        </div>
      ) : null}
      {phase === 'starting' && !running ? (
        <p className="muted">Run becomes available once the engine has started.</p>
      ) : null}
      {running && p ? (
        <div className="progress lab-progress">
          <progress
            value={p.done}
            max={p.total}
            aria-label="Sweep progress"
            aria-valuenow={p.done}
            aria-valuemin={0}
            aria-valuemax={p.total}
          />
          <span data-testid="run-progress">{progressText(p, now)}</span>
        </div>
      ) : null}
      {status && run.source === 'live' ? (
        <p
          className={`lab-run-status ${run.status}`}
          data-testid="run-status"
          role={running ? undefined : 'status'}
        >
          {status}
          {run.tensors && !running ? (
            <span className="muted" data-testid="lab-tensor-count">
              {' '}
              Tensors before/after: {run.tensors.before}/{run.tensors.after}
              {run.tensors.before === run.tensors.after ? ' (no leak).' : ' (leak!).'}
            </span>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
