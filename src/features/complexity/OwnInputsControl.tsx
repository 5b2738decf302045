import { useId } from 'react';
import { useLabStore } from './labStore';
import { fileNs, inputText, nIsPow2, shortSha } from './ownInputs';

/**
 * "Load Q, K, V (.npz)…": a .npz (or q.npy, k.npy, v.npy together) read on this page (never uploaded), then the file's summary
 * and "use synthetic inputs"; a bad file only shows why, as plain text.
 */
export function OwnInputsControl() {
  const own = useLabStore((s) => s.own);
  const load = useLabStore((s) => s.loadOwnInput);
  const useSynthetic = useLabStore((s) => s.useSyntheticInputs);
  const hintId = useId();
  const input = own.input;
  return (
    <div className="lab-own-inputs">
      <label className="lab-field">
        <span>Load Q, K, V (.npz)…</span>
        <input
          type="file"
          multiple
          accept=".npz,.npy"
          data-testid="own-input-file"
          aria-describedby={hintId}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = ''; // the same file again reloads it
            if (files.length > 0) void load(files);
          }}
        />
      </label>
      <span id={hintId} className="muted">
        numpy.savez(path, q=q, k=k, v=v), or q.npy, k.npy and v.npy picked together; each (n, d) or
        (heads, n, d); read on this page only.
      </span>
      {input ? (
        <p className="lab-own-input" data-testid="own-input">
          Input: <strong>your file: {inputText(input)}</strong>{' '}
          <span title={`SHA-256 ${input.info.sha256}`} data-testid="own-input-sha">
            SHA-256 {shortSha(input.info.sha256)}
          </span>
          {nIsPow2(input)
            ? null
            : ` The sweep takes powers of two only, so n stops at ${fileNs(input.inputs.q.n).at(-1)} (the file has n = ${input.inputs.q.n}).`}
          {input.notes.length > 0 ? ` (${input.notes.join('; ')})` : null}{' '}
          <button type="button" className="button" onClick={useSynthetic}>
            use synthetic inputs
          </button>
        </p>
      ) : null}
      {own.notice ? (
        <p className="notice warn" role="alert" data-testid="own-input-notice">
          {own.notice}
        </p>
      ) : null}
    </div>
  );
}
