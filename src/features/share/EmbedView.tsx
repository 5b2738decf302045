import { useEffect } from 'react';
import { configProblem } from '../../app/labConfig';
import { progressText, statusText } from '../../app/labRun';
import { useLabStore } from '../../app/labStore';
import { useAppStore } from '../../app/store';
import { ComplexityCharts } from '../complexity/ComplexityCharts';
import { chartRows, maxBindingOf, paramsOf, shapeOf } from '../complexity/chartRows';
import { dateOf, whereMade } from '../complexity/precomputed';
import { ResultsTable } from '../complexity/ResultsTable';
import { currentBackend, currentView } from './hashSync';
import { encodeLabHash, pageBase } from './shareHash';
import { EMBED_TITLES, type LabPanel } from './viewFlags';
import '../complexity/lab.css';
import './share.css';

/** The one panel: a chart or the table. */
function Panel({ panel }: { panel: LabPanel }) {
  const run = useLabStore((s) => s.run);
  const hidden = useLabStore((s) => s.ui.hidden);
  const toggle = useLabStore((s) => s.toggleSeries);
  const frontierN = useLabStore((s) => s.ui.frontierN);
  const limits = useAppStore((s) => s.engine.report?.limits ?? null);
  const pre = useLabStore((s) => s.precomputed);
  const { rows, provenance, config } = run;
  if (rows.length === 0) {
    const text =
      run.status === 'running'
        ? 'Measuring… the first points appear here as soon as they finish.'
        : pre.state === 'failed'
          ? `The pre-computed results could not be loaded${pre.error ? `: ${pre.error}` : ''}. Press Run live.`
          : run.source === 'live'
            ? 'This run measured no points.'
            : 'Loading the pre-computed results…';
    return <p className="lab-empty">{text}</p>;
  }
  if (panel === 'table') return <ResultsTable rows={rows} />;
  const own = run.source === 'live' ? null : (provenance?.limits as typeof limits | undefined);
  const errorNs = [
    ...new Set(rows.filter((r) => r.refused === undefined && r.relError !== null).map((r) => r.n)),
  ].sort((a, b) => a - b);
  const chosenN = frontierN !== null && errorNs.includes(frontierN) ? frontierN : errorNs.at(-1);
  return (
    <ComplexityCharts
      rows={chartRows(rows, paramsOf(provenance, config))}
      shape={shapeOf(config, provenance)}
      maxBinding={maxBindingOf(own ?? limits)}
      frontierN={chosenN}
      hidden={new Set(hidden)}
      onToggle={toggle}
      only={panel}
    />
  );
}

/**
 * `#embed=<panel>`: one panel alone for an iframe, the pre-computed result at once. The engine
 * worker starts only when "Run live" is pressed (startSweep → readyEngine boots it).
 */
export function EmbedView({ panel }: { panel: LabPanel }) {
  const run = useLabStore((s) => s.run);
  const config = useLabStore((s) => s.config);
  const notices = useLabStore((s) => s.notices);
  const start = useLabStore((s) => s.startSweep);
  const loadPrecomputed = useLabStore((s) => s.loadPrecomputed);
  useEffect(() => loadPrecomputed(), [loadPrecomputed]);
  const running = run.status === 'running';
  const problem = configProblem(config, null);
  const status = run.source === 'live' ? statusText(run) : null;
  const full = `${pageBase(location)}${encodeLabHash({ ...currentView(), embed: null, hide: [] }, currentBackend())}`;
  return (
    <main
      className="embed"
      data-panel={panel}
      aria-label={`Attention Explorer: ${EMBED_TITLES[panel]}`}
    >
      <div className="embed-panel">
        <Panel panel={panel} />
      </div>
      <div className="embed-bar">
        <button
          type="button"
          className="button primary"
          onClick={start}
          disabled={running || problem !== null}
          title={problem ?? 'Measure this sweep on your device'}
        >
          Run live
        </button>
        <span className="embed-line" role="status" data-testid="embed-status">
          {running && run.progress
            ? progressText(run.progress)
            : running
              ? 'Starting the engine…'
              : (status ??
                (run.source === 'precomputed' && run.provenance
                  ? `Pre-computed on ${whereMade(run.provenance)}, ${dateOf(run.provenance)}.`
                  : ''))}
        </span>
        <a className="embed-open" href={full} target="_blank" rel="noopener noreferrer">
          Open in Attention Explorer
        </a>
      </div>
      {notices.length > 0 ? (
        <ul className="embed-notices">
          {notices.map((n) => (
            <li key={n} className="notice warn" role="note">
              {n}
            </li>
          ))}
        </ul>
      ) : null}
    </main>
  );
}
