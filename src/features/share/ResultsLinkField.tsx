import { useEffect, useRef, useState } from 'react';
import {
  buildJson,
  download,
  encodeResults,
  exportName,
  LINK_LIMIT_CHARS,
  RESULTS_KEY,
  RESULTS_LINK_ROUNDING,
  useLabStore,
} from '../complexity';
import { CopyButton } from './CopyButton';

const kB = (chars: number) => `${(chars / 1000).toFixed(1)} kB`;

/**
 * The Share dialog's second link: the settings link plus the shown run's measured results
 * (`r=`), when the run is the user's own (live, a file, a shared link). Over LINK_LIMIT_CHARS the
 * link is not offered: the JSON file is, with the reason.
 */
export function ResultsLinkField({ settingsUrl }: { settingsUrl: string }) {
  const run = useLabStore((s) => s.run);
  const field = useRef<HTMLInputElement>(null);
  const [encoded, setEncoded] = useState<{ for: typeof run; value: string } | null>(null);
  const own = run.source !== null && run.source !== 'precomputed' && run.rows.length > 0;
  const ready = own && run.status !== 'running';
  useEffect(() => {
    if (!ready || !run.config || !run.provenance) return;
    let live = true;
    const set = { config: run.config, rows: run.rows, fits: run.fits, provenance: run.provenance };
    encodeResults(set).then(
      (value) => live && setEncoded({ for: run, value }),
      () => live && setEncoded(null),
    );
    return () => {
      live = false;
    };
  }, [ready, run]);

  if (!own) {
    return (
      <p className="muted" data-testid="results-link-none">
        The results shown are the pre-computed run, which every reader sees already. Press Run to
        measure your own; this dialog then offers a link that carries them.
      </p>
    );
  }
  if (!ready) {
    return <p className="muted">The link with results is offered once the run ends.</p>;
  }
  if (!encoded || encoded.for !== run) return <p className="muted">Packing the results…</p>;
  const url = `${settingsUrl}&${RESULTS_KEY}=${encoded.value}`;
  const points = run.rows.length;
  if (url.length > LINK_LIMIT_CHARS) {
    return (
      <div className="notice warn" data-testid="results-link-too-long">
        <p>
          With its {points} points the link would be {kB(url.length)}, over the{' '}
          {kB(LINK_LIMIT_CHARS)} this app allows (longer links are cut by some mail and chat apps).
          Send the JSON file instead: the receiver opens it with <em>Open results (JSON)</em> and
          sees the same charts, table and provenance.
        </p>
        <button
          type="button"
          className="button"
          onClick={() => download(buildJson(run), exportName('json'), 'application/json')}
        >
          Download the results (JSON)
        </button>
      </div>
    );
  }
  return (
    <>
      <label className="share-field">
        <span>Link with these results</span>
        <input ref={field} readOnly value={url} data-testid="share-results-link" />
      </label>
      <p className="share-size muted" data-testid="results-link-size">
        {kB(url.length)} for {points} points (links up to {kB(LINK_LIMIT_CHARS)} are offered):{' '}
        {RESULTS_LINK_ROUNDING}. The receiver sees your charts, table and provenance, marked as your
        run, and can press Run to compare on their device.
      </p>
      <CopyButton field={field} label="Copy link with results" />
    </>
  );
}
