import type { ChangeEvent } from 'react';
import { useLabFiles } from './labFiles';
import { useLabStore } from './labStore';
import { loadedNotice } from './precomputed';

/** Take the picked file and clear the input, so picking the same file again reloads it. */
const picked = (f: (file: File) => void) => (e: ChangeEvent<HTMLInputElement>) => {
  const file = e.target.files?.[0];
  e.target.value = '';
  if (file) f(file);
};

/** Open a result file (shown as the run), compare with a second one, and their notices. */
export function ResultFiles() {
  const { shown, compare, error, open, openCompare, clearCompare } = useLabFiles();
  const run = useLabStore((s) => s.run);
  const busy = useLabStore((s) => s.run.status === 'running' || s.paramRun.status === 'running');
  return (
    <>
      <div className="lab-files">
        <label className={`button file-button${busy ? ' disabled' : ''}`}>
          Open results (JSON)…
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            disabled={busy}
            onChange={picked((f) => void open(f))}
            data-testid="open-results"
          />
        </label>
        <label className={`button file-button${run.rows.length === 0 ? ' disabled' : ''}`}>
          Compare with a second file…
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            disabled={run.rows.length === 0}
            onChange={picked((f) => void openCompare(f))}
            data-testid="compare-results"
          />
        </label>
        {compare ? (
          <button type="button" className="button" onClick={clearCompare}>
            Clear comparison
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="notice error" role="alert" data-testid="file-error">
          {error}. The results shown are unchanged.
        </p>
      ) : null}
      {run.source === 'file' && shown ? (
        <p className="notice" data-testid="file-notice">
          {loadedNotice(shown.name, shown.set.provenance)}.
        </p>
      ) : null}
      {compare ? (
        <p className="notice" data-testid="compare-notice">
          Comparing with{' '}
          {loadedNotice(compare.name, compare.set.provenance).replace(/^Loaded /, '')}. Its series
          are marked (B) and dashed; its table rows are tagged B.
        </p>
      ) : null}
    </>
  );
}
