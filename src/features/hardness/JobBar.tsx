import { useEngineStore } from '../../session/engineStore';
import { formatSeconds } from '../../shared/numberFormat';
import type { JobState } from './useEngineJob';

/**
 * Run and Cancel for one figure, its progress while it runs, how the last run ended, and a JSON
 * download of the shown result when there is one.
 */
export function JobBar<T>(props: {
  name: string;
  state: JobState<T>;
  onRun: () => void;
  onCancel: () => void;
  runLabel?: string;
  /** What the shown result is, e.g. "computed on webgpu"; after the status. */
  detail?: string | null;
  /** The controls changed since the shown result. */
  stale?: boolean;
  /** Saves the shown result as JSON; null or absent while there is none. */
  onDownload?: (() => void) | null;
}) {
  const { state } = props;
  const phase = useEngineStore((s) => s.engine.phase);
  const running = state.status === 'running';
  const p = state.progress;
  return (
    <div className="hx-jobbar">
      <div className="hx-jobbar-actions">
        <button
          type="button"
          className="button primary"
          onClick={props.onRun}
          disabled={running}
          aria-label={`${props.runLabel ?? 'Run'}: ${props.name}`}
        >
          {props.runLabel ?? 'Run'}
        </button>
        <button
          type="button"
          className="button"
          onClick={props.onCancel}
          disabled={!running}
          aria-label={`Cancel: ${props.name}`}
        >
          Cancel
        </button>
        {props.onDownload ? (
          <button
            type="button"
            className="button"
            onClick={props.onDownload}
            disabled={running}
            aria-label={`Download JSON: ${props.name}`}
            title="Download the shown result as JSON, with where and when it was computed"
          >
            JSON
          </button>
        ) : null}
        {running ? (
          <span className="hx-progress" data-testid="hx-progress">
            {p ? (
              <>
                <progress value={p.step - 1} max={p.total} aria-label={`${props.name} progress`} />{' '}
                {p.label}, step {p.step} of {p.total}
              </>
            ) : phase === 'starting' ? (
              'Starting the engine…'
            ) : (
              'Queued…'
            )}
          </span>
        ) : null}
      </div>
      <p className={`hx-status ${state.status}`} data-testid="hx-status" role="status">
        {statusText(state)}
        {props.detail ? ` ${props.detail}` : ''}
        {props.stale && !running ? ' The controls changed since: press Run to update.' : ''}
      </p>
    </div>
  );
}

function statusText<T>(s: JobState<T>): string {
  const secs = s.seconds === null ? '' : ` in ${formatSeconds(s.seconds)}`;
  switch (s.status) {
    case 'idle':
      return '';
    case 'running':
      return s.result ? 'Running; the chart shows the previous run.' : 'Running…';
    case 'done':
      return `Done${secs}.`;
    case 'cancelled': {
      // A cancel that had to stop the engine says so (the fresh engine takes the next run).
      const restarted = s.error
        ? ' The engine was restarted: the call in flight did not yield.'
        : '';
      return `Cancelled${s.result ? ': the points computed before are kept.' : '.'}${restarted}`;
    }
    case 'failed':
      return `Failed: ${s.error ?? 'unknown error'}.`;
  }
}
