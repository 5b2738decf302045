import { CHECK_OPTIONS, useEngineStore } from '../../session/engineStore';
import { CrossCheckTable } from './CrossCheckTable';

/** The "Check variants" button, its progress, and the Cross-check table. */
export function CrossCheckPanel() {
  const phase = useEngineStore((s) => s.engine.phase);
  const backend = useEngineStore((s) => s.engine.report?.name);
  const check = useEngineStore((s) => s.check);
  const run = useEngineStore((s) => s.runCrossCheck);
  const cancel = useEngineStore((s) => s.cancelCrossCheck);
  const running = check.status === 'running';
  const p = check.progress;
  const o = CHECK_OPTIONS;
  return (
    <section className="panel" aria-labelledby="check-heading" aria-busy={running}>
      <h2 id="check-heading">Check variants on this backend</h2>
      <p>
        Runs every variant on {backend ?? 'the active backend'} and on TensorFlow.js’s cpu backend
        with the same seeded inputs (n = {o.n}, d = {o.d}, {o.heads} heads, causal too where
        supported) and compares the outputs.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button primary"
          onClick={run}
          disabled={phase !== 'ready' || running}
        >
          Check variants
        </button>
        {running ? (
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        ) : null}
      </div>
      {phase === 'starting' ? <p className="muted">Waiting for the engine to start…</p> : null}
      {running ? (
        <div className="progress" role="status">
          <progress value={p?.done ?? 0} max={p?.total ?? 1} aria-label="Cross-check progress" />
          <span>
            {p ? `${p.label} (${p.done}/${p.total})` : 'Starting…'}
            {p && p.done < 2 ? ' — the first GPU run compiles shaders' : ''}
          </span>
        </div>
      ) : null}
      {check.status === 'failed' ? (
        <p className="problem" role="alert">
          The check failed: {check.error}
        </p>
      ) : null}
      {check.status === 'cancelled' ? (
        <p className="notice">
          Check cancelled.
          {check.error
            ? ' The call in flight did not stop in time, so the engine was restarted; it is ready for the next check.'
            : ''}
        </p>
      ) : null}
      {check.report ? <CrossCheckTable report={check.report} /> : null}
    </section>
  );
}
